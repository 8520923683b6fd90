/* yanxiactl as a staff member: a password read from standard input (never from the
 * command line, where `ps` and the shell history would keep it), a hub login through the
 * staff library (`--as LOGIN`), and a refusal of the library turned into one line and an
 * exit code the way the owner's hub commands report theirs. */
#include "tools/commands.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

int cli_read_password(Cli *c, const char *prompt, char *out, size_t cap)
{
    int tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        if (prompt)
            fprintf(stderr, "%s: ", prompt);
        else
            fprintf(stderr, "密码（至少%d个字符）: ", STAFF_PASSWORD_MIN);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    char *line = fgets(out, (int)cap, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        fputc('\n', stderr);
    }
    if (!line) {
        cli_fail(c, "no password on standard input (one line)");
        return -1;
    }
    size_t n = strcspn(out, "\r\n");
    if (out[n] == '\0' && n + 1 >= cap) {
        memset(out, 0, cap);
        cli_fail(c, "the password is longer than %d bytes", STAFF_PASSWORD_MAX);
        return -1;
    }
    out[n] = '\0';
    return 0;
}

int cli_hub_login(Cli *c, const char *conn, const char *login, StaffActor *a)
{
    memset(a, 0, sizeof *a);
    if (!conn || !*conn) {
        c->status = cli_usage(c, "--as needs --hub and the hub's connection string");
        return -1;
    }
    char pw[STAFF_PASSWORD_MAX + 2], err[256];
    if (cli_read_password(c, "密码", pw, sizeof pw) < 0) {
        c->status = CLI_EXIT_FAIL;
        return -1;
    }
    int rc = staff_hub_login(conn, login, pw, "cli", a, err, sizeof err);
    memset(pw, 0, sizeof pw); /* the clear text lives no longer than the login */
    if (rc < 0) {
        c->status = cli_fail_staff(c, a);
        return -1;
    }
    return 0;
}

int cli_fail_staff(Cli *c, const StaffActor *a)
{
    /* The same codes as the owner's path (HubModResult, hub_admin's errors): a refusal of
     * any kind is 1, as a usage error is 2; the sentence says which. Kept as a table so a
     * refusal that deserves its own code gets it in one place. */
    static const int EXIT[] = {
        [STAFF_REFUSAL_NONE] = CLI_EXIT_FAIL,      [STAFF_REFUSAL_NOT_FOUND] = CLI_EXIT_FAIL,
        [STAFF_REFUSAL_AMBIGUOUS] = CLI_EXIT_FAIL, [STAFF_REFUSAL_STATE] = CLI_EXIT_FAIL,
        [STAFF_REFUSAL_DENIED] = CLI_EXIT_FAIL,    [STAFF_REFUSAL_FAILED] = CLI_EXIT_FAIL,
        [STAFF_REFUSAL_CHANGED] = CLI_EXIT_FAIL,
    };
    StaffRefusal why = staff_refusal(a);
    cli_fail(c, "%s", *staff_error(a) ? staff_error(a) : "中心库没有说原因");
    return (unsigned)why < sizeof EXIT / sizeof EXIT[0] ? EXIT[why] : CLI_EXIT_FAIL;
}
