/* The one table of what yanxiactl knows (notices ... kiosk) and how `list`, `add`,
 * `edit`, `rm` and `export` reach each kind. Data only: the commands that use it
 * (yanxiactl.c, cmd_export.c, cmd_hub_export.c) look kinds up here, and no command a
 * kind names looks the table up again, so src/tools has no import cycle through it. */
#include "tools/commands.h"

#include "store/activity.h"
#include "store/contact.h"
#include "store/health.h"
#include "store/notice.h"
#include "store/photo.h"
#include "store/phrase.h"
#include "store/poll.h"
#include "store/roster.h"

#include <string.h>

/* clang-format off */
const CliKind CLI_KINDS[] = {
    {"notices", "notice", "通知、公约、倡议书", fill_notices, 0, 0,
     cmd_add_notice, cmd_edit_notice, store_notice_remove},
    {"tips", "tip", "健康小贴士（每月）", fill_tips, CLI_FILTER_MONTH, 0,
     cmd_add_tip, cmd_edit_tip, store_tip_remove},
    {"albums", "album", "相册（笑脸墙、活动相册）", fill_albums, 0, 0,
     cmd_add_album, cmd_edit_album, store_album_remove},
    {"photos", "photo", "照片（用 `photo add` 添加）", fill_photos, CLI_FILTER_ALBUM, 0,
     NULL, NULL, store_photo_remove},
    {"activities", "activity", "活动与志愿团队", fill_activities, 0, 0,
     cmd_add_activity, cmd_edit_activity, store_activity_remove},
    {"signups", "signup", "活动报名", fill_signups, CLI_FILTER_ACTIVITY, 1,
     cmd_add_signup, NULL, NULL},
    {"polls", "poll", "意向征询（含结果）", fill_polls, 0, 0,
     cmd_add_poll, NULL, store_poll_remove},
    {"votes", "vote", "征询投票", fill_votes, CLI_FILTER_POLL, 1,
     cmd_add_vote, NULL, NULL},
    {"suggestions", "suggestion", "意见建议", fill_suggestions, CLI_FILTER_STATE, 1,
     cmd_add_suggestion, NULL, NULL},
    {"wishes", "wish", "微心愿", fill_wishes, CLI_FILTER_STATE, 1,
     cmd_add_wish, NULL, NULL},
    {"questions", "question", "健康答疑", fill_questions, 0, 1,
     cmd_add_question, NULL, NULL},
    {"roster", "roster", "楼道值守排班", fill_roster, 0, 0,
     cmd_add_roster, cmd_edit_roster, store_roster_remove},
    {"contacts", "contact", "联系电话与群聊", fill_contacts, 0, 0,
     cmd_add_contact, cmd_edit_contact, store_contact_remove},
    {"phrases", "phrase", "快捷短语", fill_phrases, 0, 0,
     cmd_add_phrase, NULL, store_phrase_remove},
    {"outbox", "outbox", "待同步的提交", fill_outbox, 0, 0, NULL, NULL, NULL},
    {"kiosk", "kiosk", "本机信息（用 `kiosk set` 修改）", fill_kiosk, 0, 0, NULL, NULL, NULL},
};
/* clang-format on */
const size_t CLI_KIND_COUNT = sizeof CLI_KINDS / sizeof CLI_KINDS[0];

const CliKind *cli_kind_find(const char *name)
{
    for (size_t i = 0; i < CLI_KIND_COUNT; i++)
        if (strcmp(name, CLI_KINDS[i].name) == 0 || strcmp(name, CLI_KINDS[i].single) == 0)
            return &CLI_KINDS[i];
    return NULL;
}
