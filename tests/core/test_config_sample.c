/* The documented sample config/yanxia.ini must load as it is, and the sample must
 * mention every key the reader accepts with its default value. */
#include "testutil.h"

#include "core/config.h"

#include <string.h>

static void test_sample_config_loads_with_defaults(void **state)
{
    (void)state;
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/config/yanxia.ini", YANXIA_SOURCE_DIR);
    Config defaults, loaded;
    config_defaults(&defaults);
    config_defaults(&loaded);
    if (config_load_file(&loaded, path, err, sizeof err) != 0)
        fail_msg("%s", err);
    /* the sample documents the defaults: loading it changes nothing */
    assert_memory_equal(&defaults, &loaded, sizeof defaults);
}

static void test_bad_value_names_file_line_and_key(void **state)
{
    (void)state;
    Config c;
    char err[512];
    config_defaults(&c);
    const char *text = "[display]\nwidth = 1080\nheight = tall\n";
    assert_int_equal(config_load_string(&c, text, "kiosk.ini", err, sizeof err), -1);
    assert_non_null(strstr(err, "kiosk.ini:3:"));
    assert_non_null(strstr(err, "height"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_config_loads_with_defaults),
        cmocka_unit_test(test_bad_value_names_file_line_and_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
