/* Crash points (core/crashpoint.h): a process dies by SIGKILL exactly at the Nth
 * arrival at the step YANXIA_CRASH_AT names, and at no other place. Each case runs in a
 * child process, since the variable is read once per process and the kill is real. */
#include "core/crashpoint.h"

#include "testutil.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs, in a child with YANXIA_CRASH_AT=at (unset when NULL), `arrivals` rounds of an
 * arrival at "apply" then one at "ack". Returns the child's exit code, or -SIG when a
 * signal ended it; *survived is how many "apply" arrivals it got past. */
static int run_child(const char *at, int arrivals, int *survived)
{
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fd[0]);
        if (at)
            setenv("YANXIA_CRASH_AT", at, 1);
        else
            unsetenv("YANXIA_CRASH_AT");
        for (int i = 0; i < arrivals; i++) {
            crash_point(CRASH_APPLY);
            char one = 1;
            if (write(fd[1], &one, 1) != 1)
                _exit(100);
            crash_point(CRASH_ACK);
        }
        _exit(0);
    }
    close(fd[1]);
    char buf[64];
    ssize_t n, total = 0;
    while ((n = read(fd[0], buf, sizeof buf)) > 0)
        total += n;
    close(fd[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    *survived = (int)total;
    return WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
}

static void test_dies_at_the_nth_arrival_of_its_step(void **state)
{
    (void)state;
    int survived = -1;
    assert_int_equal(run_child("apply:3", 5, &survived), -SIGKILL);
    assert_int_equal(survived, 2); /* the third arrival never got past the crash point */
    assert_int_equal(run_child("ack:1", 5, &survived), -SIGKILL);
    assert_int_equal(survived, 1); /* ack comes after the first apply */
}

static void test_other_steps_and_no_variable_run_through(void **state)
{
    (void)state;
    int survived = -1;
    assert_int_equal(run_child(NULL, 4, &survived), 0);
    assert_int_equal(survived, 4);
    assert_int_equal(run_child("photo-chunk:1", 4, &survived), 0);
    assert_int_equal(survived, 4);
    assert_int_equal(run_child("apply:9", 4, &survived), 0); /* never reached */
    assert_int_equal(survived, 4);
}

static void test_malformed_values_are_ignored(void **state)
{
    (void)state;
    static const char *const bad[] = {"apply",    "apply:", "apply:0", "apply:-1",
                                      "apply:2x", ":2",     ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int survived = -1;
        assert_int_equal(run_child(bad[i], 3, &survived), 0);
        assert_int_equal(survived, 3);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dies_at_the_nth_arrival_of_its_step),
        cmocka_unit_test(test_other_steps_and_no_variable_run_through),
        cmocka_unit_test(test_malformed_values_are_ignored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
