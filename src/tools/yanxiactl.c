/* yanxiactl: placeholder entry point, replaced by the full command set. */
#include <stdio.h>

int main(void)
{
    puts("yanxiactl");
    return 0;
}
