/* Words for each refusal reason: what a resident reads on the screen. */
#include "core/reason.h"

static const struct {
    const char *name;
    const char *text;
} REASONS[REASON_COUNT] = {
    [REASON_NONE] = {"none", "操作成功"},
    [REASON_ROOM_INVALID] = {"room_invalid", "房号不对，请按“楼层+房间”输入，例如 1203"},
    [REASON_ROOM_REQUIRED] = {"room_required", "请先输入您家的房号"},
    [REASON_PHONE_INVALID] = {"phone_invalid", "电话号码不对，请输入11位手机号或固定电话"},
    [REASON_TEXT_EMPTY] = {"text_empty", "内容还是空的，请写几句再提交"},
    [REASON_TEXT_TOO_LONG] = {"text_too_long", "内容太长了，请删减一些再提交"},
    [REASON_TEXT_BAD_UTF8] = {"text_bad_utf8", "内容里有无法识别的字符，请重新输入"},
    [REASON_DAILY_CAP] = {"daily_cap", "您家今天已经提交过多次，请明天再来"},
    [REASON_ACTIVITY_FULL] = {"activity_full", "名额已满，本活动不设候补"},
    [REASON_DEADLINE_PASSED] = {"deadline_passed", "报名已经截止"},
    [REASON_ALREADY_SIGNED_UP] = {"already_signed_up", "您家已经报过名了"},
    [REASON_PARTY_SIZE] = {"party_size", "人数不对，每户一次最多报名的人数有限"},
    [REASON_POLL_NOT_OPEN] = {"poll_not_open", "现在不在投票时间内"},
    [REASON_ALREADY_VOTED] = {"already_voted", "您家已经投过票了，每户一票"},
    [REASON_NOT_VOTED] = {"not_voted", "您家还没有投过票"},
    [REASON_INVALID_OPTION] = {"invalid_option", "请选择一个选项"},
    [REASON_NOT_FOUND] = {"not_found", "没有找到这一项，可能已被撤下"},
    [REASON_RECEIPT_MISMATCH] = {"receipt_mismatch", "房号和回执码对不上，请核对后再试"},
    [REASON_WISH_NOT_OPEN] = {"wish_not_open", "这个心愿已经有人认领或已完成"},
    [REASON_OWN_WISH] = {"own_wish", "这是您家自己发布的心愿，请留给邻居来认领"},
    [REASON_BAD_STATE] = {"bad_state", "当前状态下不能这样操作"},
    [REASON_INVALID_VALUE] = {"invalid_value", "填写的内容不符合要求"},
    [REASON_DUPLICATE] = {"duplicate", "已经有相同的内容了"},
    [REASON_NOT_AN_IMAGE] = {"not_an_image", "这个文件不是可以显示的图片"},
    [REASON_STORAGE] = {"storage", "保存失败，请联系居委会工作人员"},
    [REASON_CHANGED] = {"changed", "这条内容刚被别人改过，请重新查看后再改"},
};

const char *reason_text(Reason r)
{
    if ((unsigned)r >= REASON_COUNT)
        return "未知错误";
    return REASONS[r].text;
}

const char *reason_name(Reason r)
{
    if ((unsigned)r >= REASON_COUNT)
        return "unknown";
    return REASONS[r].name;
}
