/* An edit form's version: the revision a notice or an activity was read at goes out in
 * the form and comes back with the save (console.h, STAFF_REFUSAL_CHANGED), on both backends,
 * a field's value as read (was_NAME), so that the save sends only the fields changed, and
 * the page for an edit whose row could not be read. */
#include "console/console.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

const char EDIT_OVERTAKEN_HELP[] = "这条内容刚被别人改过，您的修改还没有保存。"
                                   "下面先是现在的内容，再是您填写的内容：请核对后再点保存。";

void html_rev(Buf *b, const Request *r, int64_t rev)
{
    buf_printf(b, "<input type=\"hidden\" name=\"rev\" value=\"%lld\">",
               (long long)(rev < 0 ? posted_rev(r) : rev));
}

int64_t posted_rev(const Request *r)
{
    const char *v = req_field(r, "rev");
    char *end = NULL;
    long long rev = v && *v ? strtoll(v, &end, 10) : 0;
    return end && !*end && rev > 0 ? (int64_t)rev : 0;
}

void edit_read_refused(Request *r, Response *w, const char *title)
{
    const StaffActor *a = &r->session->actor;
    StaffRefusal why = staff_refusal(a);
    int status = why == STAFF_REFUSAL_NOT_FOUND ? MHD_HTTP_NOT_FOUND
                 : why == STAFF_REFUSAL_DENIED  ? MHD_HTTP_FORBIDDEN
                 : a->hub                       ? MHD_HTTP_BAD_GATEWAY
                                                : MHD_HTTP_INTERNAL_SERVER_ERROR;
    page_message(w, r, status, status == MHD_HTTP_NOT_FOUND ? title : "没有读出来", staff_error(a));
}

void html_was(Buf *b, const Request *r, const char *name, const char *value)
{
    char was[64];
    snprintf(was, sizeof was, "was_%s", name);
    const char *posted = req_field(r, was);
    buf_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", was);
    html_attr(b, posted ? posted : value ? value : "");
    buf_puts(b, "\">");
}

int form_changed(const Request *r, const char *name)
{
    char was[64];
    snprintf(was, sizeof was, "was_%s", name);
    const char *now = req_field(r, name), *then = req_field(r, was);
    return strcmp(now ? now : "", then ? then : "") != 0;
}
