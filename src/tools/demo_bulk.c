/* Many residents' submissions for benchmarks (`seed --submissions N`): suggestions,
 * wishes and health questions from every room of the building, spread back over as many
 * past days as the per-room daily caps need, each written through the store's own rules
 * like a resident's at the kiosk (one batch for the whole run). */
#include "tools/demo.h"

#include "core/timeutil.h"
#include "store/question.h"
#include "store/suggestion.h"
#include "store/wish.h"

#include <stdio.h>

static const char *const SUGGESTIONS[] = {
    "楼道灯晚上不够亮，老人上下楼看不清台阶。",
    "希望在一楼大厅放几把椅子，等电梯的老人可以坐。",
    "垃圾厢房周围有异味，能否增加清洗次数？",
    "电动车在楼道里充电很危险，请物业管一管。",
};
static const char *const WISHES[] = {
    "想请会用手机的邻居教我在网上挂号。",
    "家里的旧书想送给楼里的小朋友。",
    "想找人周末陪我去公园走走。",
};
static const char *const QUESTIONS[] = {
    "冬天早上血压偏高，晨练要注意什么？",
    "流感疫苗今年什么时候可以打？",
    "膝盖疼还能不能爬楼梯？",
};

int demo_seed_submissions(Store *s, int count, char *err, size_t errlen)
{
    RoomRule rule = store_room_rule(s);
    int64_t now = store_now(s);
    int rooms = (rule.floor_max - rule.floor_min + 1) * (rule.unit_max - rule.unit_min + 1);
    /* per room and day: 3 suggestions, 2 wishes, 3 questions (the store's caps) */
    int per_day = rooms * 8, made = 0;
    if (store_batch_begin(s) < 0)
        return -1;
    /* oldest first (a day's cap counts everything since its midnight), ending 60 days
     * back: the demo's own submissions of recent days keep their caps */
    int days = (count + per_day - 1) / per_day;
    for (int day = 60 + days; made < count; day--) {
        for (int i = 0; i < per_day && made < count; i++, made++) {
            int r = i / 8, kind = i % 8;
            char room[8];
            snprintf(room, sizeof room, "%d%02d",
                     rule.floor_min + r / (rule.unit_max - rule.unit_min + 1),
                     rule.unit_min + r % (rule.unit_max - rule.unit_min + 1));
            store_set_now(s, time_day_start(now - (int64_t)day * 86400) + 8 * 3600 + i * 10);
            StoreReceipt rc;
            int ok;
            if (kind < 3) {
                SuggestionInput in = {.text = SUGGESTIONS[(made / 8) % 4], .room = room};
                ok = store_suggestion_add(s, &in, &rc);
            } else if (kind < 5) {
                ok = store_wish_add(s, WISHES[(made / 8) % 3], room, &rc);
            } else {
                ok = store_question_add(s, QUESTIONS[(made / 8) % 3], room, &rc);
            }
            if (ok < 0) {
                snprintf(err, errlen, "submission %d (room %s): %s", made, room, store_errmsg(s));
                store_set_now(s, 0);
                store_batch_end(s, 0);
                return -1;
            }
        }
    }
    store_set_now(s, 0);
    return store_batch_end(s, 1);
}
