/* Installed or built: decided once from /proc/self/exe. */
#include "core/paths.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

#ifndef YANXIA_BINDIR
#define YANXIA_BINDIR "/usr/bin"
#endif
#ifndef YANXIA_DATADIR
#define YANXIA_DATADIR "/usr/share/yanxia"
#endif
#ifndef YANXIA_SYSCONFDIR
#define YANXIA_SYSCONFDIR "/etc"
#endif

int paths_installed(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    return strcmp(exe, YANXIA_BINDIR) == 0;
}

const char *paths_hub_sql_dir(void)
{
    return paths_installed() ? YANXIA_DATADIR "/sql/hub" : YANXIA_SOURCE_DIR "/sql/hub";
}

const char *paths_default_config(void)
{
    return paths_installed() ? YANXIA_SYSCONFDIR "/yanxia/yanxia.ini" : NULL;
}
