/* The demo building's people and everyday life as data: the 笑脸墙 residents, event
 * photo captions, activities and teams with sign-ups, the lift consultation and its
 * votes, the duty roster's volunteers, contacts, quick phrases, suggestions and
 * micro-wishes. Names and rooms are invented. */
#include "tools/demo.h"

#define F   PORTRAIT_FEMALE
#define M   PORTRAIT_MALE
#define KID PORTRAIT_CHILD
#define YNG PORTRAIT_YOUNG
#define MID PORTRAIT_MIDDLE
#define OLD PORTRAIT_ELDER

const DemoPerson DEMO_PEOPLE[] = {
    {"顾阿姨", F, OLD, 5, "楼组长，有事找我", 1},
    {"顾老伯", M, OLD, 5, "95岁，全楼最年长", 1},
    {"王阿姨", F, OLD, 1, "爱跳广场舞", 1},
    {"王伯伯", M, OLD, 1, "写得一手好毛笔字", 1},
    {"李老师", F, OLD, 2, "退休语文老师，读书会召集人", 1},
    {"沈医生", M, OLD, 4, "退休内科医生，健康答疑", 1},
    {"周老师", M, OLD, 3, "加梯工作小组", 1},
    {"陈奶奶", F, OLD, 6, "88岁，爱养君子兰", 1},
    {"张爷叔", M, OLD, 2, "修自行车一把好手", 1},
    {"刘阿婆", F, OLD, 1, "拿手菜是腌笃鲜", 1},
    {"赵师傅", M, MID, 3, "水电小毛病找我", 1},
    {"小陈", M, YNG, 2, "程序员，帮老人调手机", 1},
    {"小林", F, YNG, 4, "幼儿园老师", 1},
    {"朵朵", F, KID, 4, "二年级，爱画画", 1},
    {"乐乐", M, KID, 3, "喜欢踢足球", 1},
    {"吴阿姨", F, MID, 6, "合唱队领唱", 1},
    {"孙老伯", M, OLD, 6, "每天早上打太极", 1},
    {"马阿姨", F, OLD, 2, "拳操队队长", 1},
    {"黄老师", F, MID, 5, "中学数学老师", 1},
    {"杨爷爷", M, OLD, 4, "象棋高手，欢迎挑战", 1},
    {"徐阿姨", F, MID, 1, "社区志愿者", 1},
    {"小许", M, YNG, 5, "刚搬来，请多关照", 1},
    {"胡奶奶", F, OLD, 3, "织毛衣送邻居", 1},
    {"郭师傅", M, MID, 2, "出租车司机", 1},
    {"小何", F, YNG, 6, "护士，值夜班", 1},
    {"豆豆", M, KID, 1, "幼儿园大班", 1},
    {"罗阿姨", F, MID, 4, "爱种花，楼道绿植认养人", 1},
    {"梁爷爷", M, OLD, 3, "老上海故事多", 1},
    {"宋阿姨", F, OLD, 5, "沪剧票友", 1},
    {"唐老师", M, MID, 6, "摄影小组组长", 1},
    {"韩奶奶", F, OLD, 2, "包馄饨又快又好", 1},
    {"冯伯伯", M, OLD, 4, "退休工程师", 1},
    {"小邓", F, YNG, 3, "在读研究生", 1},
    {"曹阿姨", F, MID, 6, "舞蹈队成员", 1},
    {"彭老伯", M, OLD, 1, "喜欢钓鱼", 1},
    {"小曾", M, YNG, 4, "健身教练", 1},
    {"萧奶奶", F, OLD, 4, "会剪窗花", 1},
    {"田师傅", M, MID, 5, "厨师，年夜饭顾问", 1},
    {"董阿姨", F, OLD, 3, "每天买菜帮邻居带", 1},
    {"袁老师", F, MID, 2, "钢琴老师", 1},
    {"小潘", F, YNG, 1, "爱做烘焙", 1},
    {"蒋爷爷", M, OLD, 6, "老党员，热心肠", 1},
    {"蔡奶奶", F, OLD, 5, "爱看书", 1},
    {"欣欣", F, KID, 6, "三年级，学小提琴", 1},
    {"余伯伯", M, OLD, 3, "晨练走一万步", 1},
    {"杜阿姨", F, MID, 4, "读书会成员", 1},
    {"叶老师", F, OLD, 1, "退休音乐老师", 1},
    {"程师傅", M, MID, 6, "电工，义务检修", 1},
    {"苏奶奶", F, OLD, 2, "爱唱越剧", 1},
    {"小魏", M, YNG, 2, "外卖小哥，顺路帮忙", 1},
    {"吕阿姨", F, MID, 3, "垃圾分类志愿者", 1},
    {"丁爷爷", M, OLD, 5, "二胡拉得好", 1},
    {"小沈", F, YNG, 4, "沈医生的孙女，学医", 1},
    {"任阿婆", F, OLD, 6, "做得一手好酒酿", 1},
    {"姚伯伯", M, OLD, 2, "喜欢养鸟", 1},
    {"小卢", F, YNG, 5, "设计师，楼道美化出力", 1},
    {"姜阿姨", F, MID, 1, "爱旅游", 1},
    {"天天", M, KID, 5, "一年级，爱搭积木", 1},
    {"崔奶奶", F, OLD, 4, "拳操队老队员", 1},
    {"钟老伯", M, OLD, 1, "邮票收藏", 1},
    {"谭阿姨", F, MID, 2, "居委会志愿者", 1},
    {"陆爷叔", M, MID, 6, "老伙伴结对志愿者", 1},
    {"金阿姨", F, OLD, 3, "手工布鞋", 1},
    {"小石", M, YNG, 6, "大学生，寒暑假回家", 1},
    {"贾奶奶", F, OLD, 5, "每天喂楼下的猫", 1},
    {"夏老师", M, MID, 4, "历史老师，爱讲故事", 1},
    {"安安", F, KID, 2, "喜欢跳绳", 1},
    {"方伯伯", M, OLD, 3, "爱下围棋", 1},
    {"白阿姨", F, MID, 5, "烘焙达人", 1},
    {"小江", M, YNG, 1, "快递站站长", 1},
    /* two residents who had their picture taken but did not agree to show it */
    {"邹阿姨", F, OLD, 4, "", 0},
    {"熊先生", M, MID, 2, "", 0},
};

const size_t DEMO_PEOPLE_COUNT = sizeof DEMO_PEOPLE / sizeof DEMO_PEOPLE[0];

const DemoScene DEMO_MID_AUTUMN_SCENES[] = {
    {"月亮升起来了，楼前的灯笼也亮了"},
    {"月饼是合唱队的阿姨们带着孩子们一起包的"},
    {"邻居们围坐在一起赏月"},
    {"猜灯谜摊位，一百多条谜语一个小时就猜完了"},
    {"小花园里的灯笼串"},
    {"茶和月饼，一样都不少"},
    {"三代人一起过中秋"},
    {"谜底揭晓时最热闹"},
    {"散场前的最后一轮圆月"},
};
const size_t DEMO_MID_AUTUMN_SCENE_COUNT =
    sizeof DEMO_MID_AUTUMN_SCENES / sizeof DEMO_MID_AUTUMN_SCENES[0];

const DemoScene DEMO_STAIRWELL_SCENES[] = {
    {"一楼到二楼：清理堆物后的楼梯"},
    {"三楼平台新添的漂流书架"},
    {"志愿者们粉刷墙裙"},
    {"楼梯转角的小展板，挂满孩子们的画"},
    {"楼道里的绿植都有了认养人"},
    {"阳光照进四楼的窗台"},
    {"刷完最后一面墙"},
    {"孩子们的画展"},
};
const size_t DEMO_STAIRWELL_SCENE_COUNT =
    sizeof DEMO_STAIRWELL_SCENES / sizeof DEMO_STAIRWELL_SCENES[0];

const DemoActivity DEMO_ACTIVITIES[] = {
    {ACTIVITY_TEAM, "拳操队",
     "跟着音乐做一套木兰拳和健身操，动作舒缓，适合中老年朋友。新队员有老队员一对一带。",
     "小区中心花园（雨天在居委会活动室）", "每周一至周五 早上7:00—7:40", "马阿姨（205室）", 0, 0, 0,
     0, 0, 0, 2, 0},
    {ACTIVITY_TEAM, "合唱队",
     "唱老歌、学新歌，也唱沪语童谣。每年重阳节和中秋游园会都有演出。不识谱没关系，跟着唱就行。",
     "居委会二楼活动室", "每周三 下午2:00—4:00", "吴阿姨（603室）", 0, 0, 0, 0, 0, 30, 2, 0},
    {ACTIVITY_TEAM, "舞蹈队", "排练广场舞和扇子舞，强度不大，重在开心。欢迎男士加入！", "小区广场",
     "每周二、四 晚上7:00—8:00", "曹阿姨（604室）", 0, 0, 0, 0, 0, 0, 2, 0},
    {ACTIVITY_TEAM, "摄影小组",
     "一起拍楼里的人和事，笑脸墙的照片就是我们拍的。手机、相机都可以，组长教构图和修图。",
     "居委会一楼活动室", "每月第二个周六 上午9:30", "唐老师（601室）", 0, 0, 0, 0, 0, 15, 2, 0},
    {ACTIVITY_TEAM, "读书会", "每月读一本书，聊一聊；也打理三楼的漂流书架。大字版书籍和绘本都有。",
     "三楼平台漂流书架旁", "每月最后一个周六 下午2:00", "李老师（202室）", 0, 0, 0, 0, 0, 0, 2, 0},
    {ACTIVITY_TEAM, "“老伙伴”志愿队",
     "与楼里的一位高龄或独居老人结对，每天上门或打电话问候一次，有情况及时告诉楼组长。", "12号楼",
     "每天 时间自己安排", "顾美华（501室）", 0, 0, 0, 0, 0, 0, 2, 0},
    {ACTIVITY_EVENT, "健康讲座：冬季心脑血管疾病预防",
     "社区卫生服务中心家庭医生主讲，讲座后免费测血压、血糖。请带上医保卡和近期体检报告。",
     "居委会一楼活动室", "", "康乐居民区居委会", 6, 14, 0, 90, 1, 20, 2, 0},
    {ACTIVITY_EVENT, "智能手机小课堂：学会网上挂号和视频通话",
     "青年志愿者一对一教学，每人配一位“小老师”。请带上自己的手机和充电器。名额有限，不设候补。",
     "居委会一楼活动室", "", "小陈（204室）", 4, 9, 30, 90, 1, 10, 1, 1},
    {ACTIVITY_EVENT, "冬至包馄饨",
     "一起包荠菜鲜肉大馄饨，包好的一部分送给楼里的独居老人。面皮和馅料由楼组准备，"
     "请自带一个饭盒。",
     "12号楼一楼大厅", "", "韩奶奶（203室）", 9, 15, 0, 120, 2, 16, 4, 0},
    {ACTIVITY_EVENT, "旧物交换集市",
     "家里用不上的书、玩具、小家电、衣物，带来和邻居换一换。不收钱，只交换或赠送。"
     "小家电请保证能正常使用。",
     "小区中心花园", "", "12号楼楼组", 12, 9, 0, 180, 0, 0, 4, 0},
};
const size_t DEMO_ACTIVITY_COUNT = sizeof DEMO_ACTIVITIES / sizeof DEMO_ACTIVITIES[0];

/* Activity indexes as in DEMO_ACTIVITIES. */
enum { A_BOXING, A_CHOIR, A_DANCE, A_PHOTO, A_BOOKS, A_BUDDY, A_TALK, A_PHONE, A_WONTON, A_SWAP };

const DemoSignup DEMO_SIGNUPS[] = {
    {A_BOXING, "205", "马阿姨", 1},
    {A_BOXING, "402", "崔奶奶", 1},
    {A_BOXING, "101", "王阿姨", 2},
    {A_CHOIR, "603", "吴阿姨", 1},
    {A_CHOIR, "601", "叶老师", 1},
    {A_CHOIR, "206", "苏奶奶", 1},
    {A_CHOIR, "504", "宋阿姨", 1},
    {A_DANCE, "604", "曹阿姨", 1},
    {A_DANCE, "101", "王阿姨", 1},
    {A_PHOTO, "601", "唐老师", 1},
    {A_PHOTO, "204", "小陈", 1},
    {A_BOOKS, "202", "李老师", 1},
    {A_BOOKS, "403", "杜阿姨", 2},
    {A_BUDDY, "606", "陆爷叔", 1},
    {A_BUDDY, "105", "徐阿姨", 1},
    {A_BUDDY, "204", "小陈", 1},
    /* the lecture: 12 of 20 places taken */
    {A_TALK, "302", "周老师", 2},
    {A_TALK, "104", "彭老伯", 1},
    {A_TALK, "201", "张爷叔", 2},
    {A_TALK, "605", "孙老伯", 2},
    {A_TALK, "303", "董阿姨", 1},
    {A_TALK, "503", "丁爷爷", 2},
    {A_TALK, "106", "钟老伯", 2},
    /* the phone class: 9 of 10, no waiting list */
    {A_PHONE, "606", "任阿婆", 1},
    {A_PHONE, "301", "胡奶奶", 1},
    {A_PHONE, "402", "崔奶奶", 1},
    {A_PHONE, "104", "彭老伯", 1},
    {A_PHONE, "503", "丁爷爷", 1},
    {A_PHONE, "305", "金阿姨", 1},
    {A_PHONE, "206", "苏奶奶", 1},
    {A_PHONE, "502", "蔡奶奶", 1},
    {A_PHONE, "102", "叶老师", 1},
    /* wontons: 16 places full, two households waiting */
    {A_WONTON, "203", "韩奶奶", 2},
    {A_WONTON, "401", "小林", 3},
    {A_WONTON, "304", "乐乐家", 3},
    {A_WONTON, "501", "顾阿姨", 2},
    {A_WONTON, "602", "欣欣家", 4},
    {A_WONTON, "105", "豆豆家", 2},
    {A_WONTON, "506", "天天家", 3},
    {A_WONTON, "404", "罗阿姨", 2},
    /* the swap market has no limit */
    {A_SWAP, "103", "小潘", 2},
    {A_SWAP, "505", "白阿姨", 1},
    {A_SWAP, "204", "小陈", 1},
    {A_SWAP, "306", "余伯伯", 2},
};
const size_t DEMO_SIGNUP_COUNT = sizeof DEMO_SIGNUPS / sizeof DEMO_SIGNUPS[0];

const char *const DEMO_POLL_QUESTION = "12号楼加装电梯意向征询";
const char *const DEMO_POLL_DESCRIPTION =
    "是否同意12号楼启动加装电梯工作？每户一票，征询期内可以改票，以最后一次为准。"
    "本轮只了解意向，不是最终表决。方案、费用分摊等详见“关于12号楼加装电梯意向征询的通知”。";
const char *const DEMO_POLL_OPTIONS[] = {"同意", "不同意", "暂不表态"};
const size_t DEMO_POLL_OPTION_COUNT = sizeof DEMO_POLL_OPTIONS / sizeof DEMO_POLL_OPTIONS[0];

const DemoVote DEMO_VOTES[] = {
    {"302", 0}, {"501", 0}, {"601", 0}, {"602", 0}, {"603", 0}, {"604", 0}, {"605", 0},
    {"606", 0}, {"502", 0}, {"503", 0}, {"504", 0}, {"401", 0}, {"402", 0}, {"403", 0},
    {"404", 0}, {"301", 0}, {"202", 0}, {"101", 1}, {"102", 1}, {"201", 2}, {"303", 0},
};
const size_t DEMO_VOTE_COUNT = sizeof DEMO_VOTES / sizeof DEMO_VOTES[0];

/* Garbage-room duty: each day has a morning and an evening slot. */
const DemoVolunteer DEMO_VOLUNTEERS[] = {
    {"吕阿姨", "304"}, {"徐阿姨", "105"}, {"陆爷叔", "606"}, {"谭阿姨", "205"}, {"小陈", "204"},
    {"余伯伯", "306"}, {"赵师傅", "302"}, {"罗阿姨", "404"}, {"蒋爷爷", "605"}, {"小卢", "505"},
};
const size_t DEMO_VOLUNTEER_COUNT = sizeof DEMO_VOLUNTEERS / sizeof DEMO_VOLUNTEERS[0];

const DemoContact DEMO_CONTACTS[] = {
    {"emergency", "急救 · 救护车", "120", "突发疾病、摔倒受伤先打120，说清“康乐路128弄12号”和房号",
     ""},
    {"emergency", "报警", "110", "遇到偷盗、诈骗、打架等情况", ""},
    {"emergency", "火警", "119", "闻到焦味、看到烟火，先离开再拨打", ""},
    {"committee", "康乐居民区居委会", "021-62581230", "工作日 8:30—17:00，周六上午有人值班", ""},
    {"committee", "楼组长 顾美华", "021-62581230 转 8012", "12号楼501室，楼里大小事都可以找她", ""},
    {"property", "康乐物业服务中心", "021-62585678", "每天 8:00—20:00，小区南门东侧", ""},
    {"hotline", "24小时报修热线", "021-62589999", "停水停电、管道漏水、门禁故障，全天有人接听", ""},
    {"groupchat", "12号楼邻里微信群", "", "用手机微信扫一扫，按提示申请入群",
     "康乐小区12号楼邻里群：请添加楼组长顾美华的微信（微信号 kangle12-gu），"
     "验证消息写“房号+姓名”，核实后拉您进群。"},
    {"other", "康乐社区卫生服务中心", "021-62583120",
     "家庭医生签约、预防接种、慢病配药；工作日 8:00—16:30", ""},
    {"other", "街道加装电梯工作办公室", "021-62580088", "加梯政策咨询，工作日 9:00—16:00", ""},
};
const size_t DEMO_CONTACT_COUNT = sizeof DEMO_CONTACTS / sizeof DEMO_CONTACTS[0];

const DemoPhrase DEMO_PHRASES[] = {
    {"suggestion", "楼道灯坏了"},
    {"suggestion", "单元门门禁失灵"},
    {"suggestion", "垃圾未及时清运"},
    {"suggestion", "楼道里有杂物堆放"},
    {"suggestion", "有人在楼道给电动车充电"},
    {"suggestion", "下水道堵塞或返味"},
    {"suggestion", "绿化需要修剪"},
    {"suggestion", "希望多组织一些活动"},
    {"wish", "想请人帮忙换个灯泡"},
    {"wish", "想学用智能手机"},
    {"wish", "需要有人陪我去医院配药"},
    {"wish", "想请人帮忙搬点重东西"},
    {"wish", "想找人陪我聊聊天"},
    {"question", "血压高平时要注意什么？"},
    {"question", "晚上睡不好怎么办？"},
    {"question", "关节疼还能锻炼吗？"},
    {"question", "这几种药能一起吃吗？"},
    {"question", "我需要打流感疫苗吗？"},
};
const size_t DEMO_PHRASE_COUNT = sizeof DEMO_PHRASES / sizeof DEMO_PHRASES[0];

const DemoSuggestion DEMO_SUGGESTIONS[] = {
    {"设施维修", "二楼到三楼之间的楼道灯晚上不亮，老人上下楼看不清，希望尽快修一下。", "203", "",
     "感谢您的反映！物业已更换二至四楼的6个感应灯和1个线路开关，目前已恢复正常。"
     "今后楼道灯再有问题，可以直接在大屏上选择“楼道灯坏了”报修。——12号楼楼组"},
    {"环境卫生", "垃圾厢房晚上八点以后还有人扔垃圾，第二天早上味道很大，夏天更严重。", "104", "",
     ""},
    {"活动建议", "希望楼组组织一次智能手机培训，教老人用手机挂号、买菜、和子女视频。", "601", "",
     "好建议！楼组已请小陈和几位青年志愿者开设“智能手机小课堂”，欢迎在“活动报名”里报名。"},
    {"安全隐患", "一楼门口经常停着几辆电动车，挡住了轮椅和婴儿车的通道。", "", "", NULL},
};
const size_t DEMO_SUGGESTION_COUNT = sizeof DEMO_SUGGESTIONS / sizeof DEMO_SUGGESTIONS[0];

const DemoWish DEMO_WISHES[] = {
    {"家里的老收音机不响了，想请懂行的邻居帮我看看还能不能修。", "602", DEMO_WISH_REVIEW, NULL,
     NULL},
    {"腿脚不方便，希望有人每周帮我到菜场带一次菜，菜钱我自己出。", "606", DEMO_WISH_OPEN, NULL,
     NULL},
    {"想学用手机和外地的孙子视频通话。", "402", DEMO_WISH_OPEN, NULL, NULL},
    {"卫生间的灯泡坏了，我够不着，想请人帮忙换一下。", "305", DEMO_WISH_CLAIMED, "204", "小陈"},
    {"老伴下个月80岁生日，想请会拍照的邻居帮我们拍几张合影。", "403", DEMO_WISH_FULFILLED, "601",
     "唐老师"},
};
const size_t DEMO_WISH_COUNT = sizeof DEMO_WISHES / sizeof DEMO_WISHES[0];
