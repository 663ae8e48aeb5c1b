// The demo's industry chains of 吉安市 (reference article, Jiangxi Daily, June 2023).
//
// What comes from the article: the chains 电子信息, 生物医药, 数字经济 and 新型材料 and what it says of
// them; 江西立讯智造 and its six subsidiaries in 吉安; 合力泰 with three subsidiaries and six up- and
// downstream firms it brought; 木林森's Mini LED project from glue, brackets and carrier tape through
// packaging to display screens and health lighting; 红板科技; electronics revenue above 2220亿元
// (the local members' revenues below add up to just over it). Everything else is invented and marked
// （示例）: the four further chains, every firm the article does not name (including the named groups'
// local subsidiaries, whose real names it does not give), and all figures — revenues, staff, dates,
// volumes — including those of the real firms. Credit codes are generated (DemoCreditCode), never
// real ones, with the registering division taken from the firm's region.
//
// The data are shaped for the analyses: 芯片, 医疗诊断设备, 集成电路设计, 含氟高分子材料,
// 新能源汽车整车 and 冷链仓储 have no local member (breakpoints), and their outside members already
// trade with local firms (targets with reasons); local buyers take most of their 胶水 and 封装载带
// (Mini LED), 化学原料药, 工业机器人 and 农业机械 from outside suppliers (leaks); the other segments
// are mostly supplied locally.
#include "services/demo_chains.h"

#include <set>
#include <utility>

#include "domain/chain/credit_code.h"

namespace lz::services::demo {
namespace {

using chain::MemberRole;
using chain::Stage;

constexpr int64_t kYi = 100'000'000;  // 亿元
constexpr int64_t kWan = 10'000;      // 万元
constexpr const char* kHomeRegion = "3608";

constexpr Stage kUp = Stage::kUpstream;
constexpr Stage kMid = Stage::kMidstream;
constexpr Stage kDown = Stage::kDownstream;
constexpr MemberRole kMaster = MemberRole::kChainMaster;
constexpr MemberRole kKey = MemberRole::kKey;
constexpr MemberRole kMember = MemberRole::kMember;

struct SegmentSpec {
  const char* name;
  Stage stage;
  const char* parent;  // name of a broader segment of the same chain, or nullptr
  const char* code;    // GB/T 4754-2017
  int sort;
  const char* description;
};

struct ChainSpec {
  const char* key;
  const char* name;
  const char* lead;
  std::vector<const char*> responsible;
  int64_t target_revenue;
  int target_year;
  bool example;
  const char* description;
  std::vector<SegmentSpec> segments;
  std::vector<std::pair<const char*, const char*>> flows;  // segment supplies segment, by name
};

// Each firm sits on one segment, so a supply link counts towards one segment's figures only.
struct FirmSpec {
  const char* key;
  const char* name;
  const char* region;  // GB/T 2260; local when inside 3608 吉安市
  int64_t revenue;     // yuan, last full year
  int64_t employees;
  const char* founded;  // "" when not invented (the real firms)
  const char* chain;
  const char* segment;
  MemberRole role;
};

struct LinkSpec {
  const char* supplier;
  const char* buyer;
  int64_t volume;  // yuan per year
  const char* note;
};

struct CommissionSpec {
  const char* firm;
  const char* unit;
  const char* commissioner;
};

// 井冈山经济技术开发区 (a township-level code under 吉安县 in GB/T 2260).
constexpr const char* kJinggangshanZone = "360821401";

const std::vector<ChainSpec>& Chains() {
  static const std::vector<ChainSpec> chains = {
      {"electronics", "电子信息产业链", "吉安市工业和信息化局",
       {"吉安市人力资源和社会保障局", "吉安市投资促进中心", "吉安海关", "吉安市供电公司", "吉安市税务局"},
       3000 * kYi, 2025, false,
       "营业收入突破2220亿元，总量连续十余年保持全省第一；连续5年赴粤港澳大湾区举办专题招商推介会。"
       "产业联盟、研究院、电子产品检验检测中心“三驾马车”。木林森牵头投资Mini LED全产业链项目。",
       {
           {"电子专用材料", kUp, nullptr, "C3985", 10, "覆铜板、铜箔、光学膜、盖板玻璃等"},
           {"胶水", kUp, "电子专用材料", "C3985", 11, "Mini LED 封装胶"},
           {"支架", kUp, "电子专用材料", "C3985", 12, "LED 支架"},
           {"封装载带", kUp, "电子专用材料", "C3985", 13, "Mini LED 封装载带"},
           {"芯片", kUp, nullptr, "C3973", 20, "LED 芯片、显示驱动 IC 与其他集成电路"},
           {"电子电路（PCB）", kMid, nullptr, "C3982", 10, "刚性、柔性与刚挠结合印制电路板及贴装"},
           {"电子元器件", kMid, nullptr, "C3989", 20, "连接器、线缆组件、射频与声学器件、被动元件、结构件"},
           {"显示器件", kMid, nullptr, "C3974", 30, "背光源、显示面板及其加工"},
           {"Mini LED封装", kMid, "显示器件", "C3975", 31, "Mini LED 器件封装"},
           {"显示模组", kMid, "显示器件", "C3974", 32, "液晶显示模组与触控模组"},
           {"摄像头模组", kMid, nullptr, "C3976", 40, "摄像头模组与光学镜头"},
           {"智能终端", kDown, nullptr, "C3922", 10, "手机、平板等通信终端整机"},
           {"消费电子", kDown, nullptr, "C3961", 20, "智能手表、耳机等可穿戴设备"},
           {"显示屏", kDown, nullptr, "C3974", 30, "Mini LED 背光与直显显示屏"},
           {"健康照明", kDown, nullptr, "C3872", 40, "健康照明灯具"},
       },
       {
           {"电子专用材料", "电子电路（PCB）"}, {"电子专用材料", "显示模组"}, {"胶水", "Mini LED封装"},
           {"支架", "Mini LED封装"}, {"封装载带", "Mini LED封装"}, {"芯片", "Mini LED封装"},
           {"芯片", "显示模组"}, {"芯片", "智能终端"}, {"电子电路（PCB）", "显示模组"},
           {"电子电路（PCB）", "智能终端"}, {"电子元器件", "智能终端"}, {"电子元器件", "消费电子"},
           {"显示器件", "显示模组"}, {"显示模组", "智能终端"}, {"显示模组", "消费电子"},
           {"摄像头模组", "智能终端"}, {"Mini LED封装", "显示屏"}, {"Mini LED封装", "健康照明"},
       }},
      {"biomedicine", "生物医药产业链", "吉安市卫生健康委员会",
       {"吉安市医疗保障局", "吉安市科学技术协会", "吉安市生态环境局", "吉安市行政审批局", "吉安市财政局"},
       300 * kYi, 2025, false, "产业链咨询委员会增聘三位院士为发展顾问。",
       {
           {"中药材种植", kUp, nullptr, "A0171", 10, "道地中药材种植"},
           {"化学原料药", kUp, nullptr, "C2710", 20, ""},
           {"药用辅料及包装材料", kUp, nullptr, "C2780", 30, ""},
           {"中药饮片", kMid, nullptr, "C2730", 10, ""},
           {"中成药", kMid, nullptr, "C2740", 20, ""},
           {"化学药品制剂", kMid, nullptr, "C2720", 30, ""},
           {"生物药品", kMid, nullptr, "C2761", 40, ""},
           {"医疗器械与耗材", kMid, nullptr, "C3584", 50, "医用耗材与外科器械"},
           {"医疗诊断设备", kMid, nullptr, "C3581", 60, "医学影像与监护设备"},
           {"医药流通", kDown, nullptr, "F5151", 10, "药品与医疗器械批发配送"},
           {"医药零售", kDown, nullptr, "F5251", 20, "连锁药房"},
       },
       {
           {"中药材种植", "中药饮片"}, {"中药材种植", "中成药"}, {"中药饮片", "中成药"},
           {"化学原料药", "化学药品制剂"}, {"药用辅料及包装材料", "化学药品制剂"}, {"药用辅料及包装材料", "中成药"},
           {"中成药", "医药流通"}, {"化学药品制剂", "医药流通"}, {"生物药品", "医药流通"},
           {"医疗器械与耗材", "医药流通"}, {"医疗诊断设备", "医药流通"}, {"医药流通", "医药零售"},
       }},
      {"digital_economy", "数字经济产业链", "吉安市发展和改革委员会",
       {"吉安市大数据中心", "吉安市教育局", "吉安市政务服务管理局", "吉安市公安局", "吉安市统计局"},
       500 * kYi, 2025, false, "与井冈山大学合作共建现代产业学院。",
       {
           {"通信网络", kUp, nullptr, "I6312", 10, "移动与固定通信网络"},
           {"数据中心与算力", kUp, nullptr, "I6450", 20, ""},
           {"集成电路设计", kUp, nullptr, "I6520", 30, "物联网与显示驱动芯片设计"},
           {"软件开发", kMid, nullptr, "I6513", 10, "应用软件开发"},
           {"信息系统集成", kMid, nullptr, "I6531", 20, ""},
           {"物联网技术服务", kMid, nullptr, "I6532", 30, ""},
           {"工业互联网平台", kDown, nullptr, "I6431", 10, "面向制造企业的互联网生产服务平台"},
           {"电子商务", kDown, nullptr, "F5292", 20, "农特产品与电子产品网络零售"},
           {"数字内容", kDown, nullptr, "I6572", 30, "动漫与数字文创"},
       },
       {
           {"通信网络", "数据中心与算力"}, {"通信网络", "物联网技术服务"}, {"数据中心与算力", "工业互联网平台"},
           {"数据中心与算力", "信息系统集成"}, {"集成电路设计", "物联网技术服务"}, {"软件开发", "信息系统集成"},
           {"物联网技术服务", "工业互联网平台"}, {"软件开发", "电子商务"}, {"软件开发", "数字内容"},
       }},
      {"new_materials", "新型材料产业链", "吉安市科学技术局",
       {"吉安市自然资源局", "吉安市应急管理局", "吉安市地方金融监督管理局", "吉安市工商业联合会",
        "吉安市营商环境优化办公室"},
       600 * kYi, 2025, false, "启动实施核心共性技术和企业重大技术需求“揭榜挂帅”项目。",
       {
           {"采盐", kUp, nullptr, "B1030", 10, "岩盐、盐卤开采"},
           {"萤石开采", kUp, nullptr, "B1020", 20, ""},
           {"盐化工", kMid, nullptr, "C2612", 10, "烧碱、纯碱"},
           {"氟化工", kMid, nullptr, "C2611", 20, "氢氟酸及无机氟化物"},
           {"电子化学品", kMid, nullptr, "C2661", 30, "湿电子化学品"},
           {"玻璃纤维", kMid, nullptr, "C3061", 40, ""},
           {"含氟高分子材料", kDown, nullptr, "C2651", 10, "聚四氟乙烯等含氟树脂"},
           {"锂电池电解液", kDown, nullptr, "C2669", 20, ""},
           {"复合材料制品", kDown, nullptr, "C3062", 30, "玻璃纤维增强塑料制品"},
       },
       {
           {"采盐", "盐化工"}, {"萤石开采", "氟化工"}, {"盐化工", "氟化工"}, {"盐化工", "电子化学品"},
           {"氟化工", "电子化学品"}, {"氟化工", "含氟高分子材料"}, {"氟化工", "锂电池电解液"},
           {"玻璃纤维", "复合材料制品"},
       }},
      {"advanced_equipment", "先进装备制造产业链（示例）", "吉安市商务局",
       {"吉安市交通运输局", "吉安市国有资产监督管理委员会", "吉安市外事办公室", "吉安市总工会"},
       400 * kYi, 2025, true, "示例产业链。",
       {
           {"铸锻件", kUp, nullptr, "C3391", 10, ""},
           {"轴承与齿轮", kUp, nullptr, "C3453", 20, "齿轮及减速、变速箱"},
           {"电机", kUp, nullptr, "C3812", 30, ""},
           {"数控机床", kMid, nullptr, "C3421", 10, ""},
           {"工业机器人", kMid, nullptr, "C3491", 20, ""},
           {"汽车零部件", kMid, nullptr, "C3670", 30, ""},
           {"新能源汽车整车", kDown, nullptr, "C3612", 10, ""},
       },
       {
           {"铸锻件", "汽车零部件"}, {"轴承与齿轮", "汽车零部件"}, {"电机", "汽车零部件"},
           {"电机", "新能源汽车整车"}, {"数控机床", "汽车零部件"}, {"汽车零部件", "新能源汽车整车"},
       }},
      {"green_food", "绿色食品产业链（示例）", "吉安市市场监督管理局",
       {"吉安市粮食和物资储备局", "吉安市林业局", "吉安市审计局", "吉安市机关事务管理局"},
       350 * kYi, 2025, true, "示例产业链。",
       {
           {"稻谷种植", kUp, nullptr, "A0111", 10, ""},
           {"井冈蜜柚种植", kUp, nullptr, "A0153", 20, ""},
           {"茶叶种植", kUp, nullptr, "A0164", 30, ""},
           {"稻谷加工", kMid, nullptr, "C1311", 10, ""},
           {"精制茶加工", kMid, nullptr, "C1530", 20, ""},
           {"水果加工", kMid, nullptr, "C1373", 30, ""},
           {"食品批发", kDown, nullptr, "F512", 10, "粮油、果品与茶叶批发"},
       },
       {
           {"稻谷种植", "稻谷加工"}, {"井冈蜜柚种植", "水果加工"}, {"井冈蜜柚种植", "食品批发"},
           {"茶叶种植", "精制茶加工"}, {"稻谷加工", "食品批发"}, {"精制茶加工", "食品批发"}, {"水果加工", "食品批发"},
       }},
      {"cultural_tourism", "文化旅游产业链（示例）", "吉安市文化广电新闻出版旅游局",
       {"吉安市住房和城乡建设局", "吉安市城市管理局", "吉安市退役军人事务局", "吉安市司法局"},
       600 * kYi, 2025, true, "示例产业链。",
       {
           {"文创设计", kUp, nullptr, "M7492", 10, ""},
           {"工艺美术品制造", kUp, nullptr, "C2439", 20, ""},
           {"红色旅游景区", kMid, nullptr, "N7861", 10, ""},
           {"旅行社", kMid, nullptr, "L7291", 20, ""},
           {"旅游饭店与民宿", kDown, nullptr, "H6110", 10, ""},
           {"文艺演出", kDown, nullptr, "R8810", 20, ""},
       },
       {
           {"文创设计", "工艺美术品制造"}, {"工艺美术品制造", "红色旅游景区"}, {"红色旅游景区", "旅行社"},
           {"旅游饭店与民宿", "旅行社"}, {"文艺演出", "红色旅游景区"},
       }},
      {"modern_agriculture", "现代农业产业链（示例）", "吉安市农业农村局",
       {"吉安市水利局", "吉安市农业科学研究院", "吉安市气象局", "吉安市民政局"},
       500 * kYi, 2025, true, "示例产业链。",
       {
           {"种子种苗", kUp, nullptr, "A0511", 10, ""},
           {"有机肥料", kUp, nullptr, "C2625", 20, ""},
           {"农业机械", kUp, nullptr, "C3572", 30, ""},
           {"生猪养殖", kMid, nullptr, "A0313", 10, ""},
           {"蔬菜种植", kMid, nullptr, "A0141", 20, ""},
           {"冷链仓储", kDown, nullptr, "G5930", 10, "农产品低温仓储"},
       },
       {
           {"种子种苗", "蔬菜种植"}, {"有机肥料", "蔬菜种植"}, {"农业机械", "蔬菜种植"},
           {"生猪养殖", "有机肥料"}, {"蔬菜种植", "冷链仓储"}, {"生猪养殖", "冷链仓储"},
       }},
  };
  return chains;
}

const std::vector<FirmSpec>& Firms() {
  static const std::vector<FirmSpec> firms = {
      // ---- 电子信息: 江西立讯智造 and its six subsidiaries in 吉安 (the article gives no names). ----
      {"lx", "江西立讯智造有限公司", kJinggangshanZone, 700 * kYi, 42000, "", "electronics", "智能终端", kMaster},
      {"lx_conn", "立讯精密组件（吉安）有限公司（示例）", kJinggangshanZone, 118 * kYi, 9800, "2014-06-18",
       "electronics", "电子元器件", kKey},
      {"lx_cable", "立讯电子线缆（吉安）有限公司（示例）", kJinggangshanZone, 96 * kYi, 7600, "2013-09-02",
       "electronics", "电子元器件", kKey},
      {"lx_rf", "立讯射频技术（吉安）有限公司（示例）", kJinggangshanZone, 64 * kYi, 3900, "2017-04-21",
       "electronics", "电子元器件", kMember},
      {"lx_acoustic", "立讯声学科技（吉安）有限公司（示例）", "360802", 58 * kYi, 5200, "2018-11-08", "electronics",
       "电子元器件", kMember},
      {"lx_mech", "立讯精密结构件（吉安）有限公司（示例）", "360821", 42 * kYi, 3600, "2020-08-27", "electronics",
       "电子元器件", kMember},
      {"lx_wear", "立讯智能穿戴（吉安）有限公司（示例）", kJinggangshanZone, 135 * kYi, 12000, "2019-05-16",
       "electronics", "消费电子", kMaster},
      // ---- 合力泰: three subsidiaries, and six up- and downstream firms it brought to 泰和县. ----
      {"hlt", "江西合力泰科技有限公司", "360826", 320 * kYi, 18000, "", "electronics", "显示模组", kMaster},
      {"hlt_touch", "合力泰触控科技（泰和）有限公司（示例）", "360826", 48 * kYi, 4100, "2016-03-10", "electronics",
       "显示模组", kKey},
      {"hlt_camera", "合力泰光电摄像（泰和）有限公司（示例）", "360826", 72 * kYi, 5600, "2017-07-19", "electronics",
       "摄像头模组", kMaster},
      {"hlt_fpc", "合力泰柔性电路（泰和）有限公司（示例）", "360826", 36 * kYi, 2800, "2018-01-25", "electronics",
       "电子电路（PCB）", kKey},
      {"th_film", "泰和县华显光学膜材料有限公司（示例）", "360826", 12 * kYi, 680, "2019-04-02", "electronics",
       "电子专用材料", kMember},
      {"th_glass", "泰和县晶盾盖板玻璃有限公司（示例）", "360826", 15 * kYi, 920, "2019-06-11", "electronics",
       "电子专用材料", kMember},
      {"th_backlight", "泰和县辉映背光科技有限公司（示例）", "360826", 18 * kYi, 1100, "2019-09-23", "electronics",
       "显示器件", kKey},
      {"th_passive", "泰和县容芯电子元件有限公司（示例）", "360826", 9 * kYi, 540, "2020-02-14", "electronics",
       "电子元器件", kMember},
      {"th_lens", "泰和县明视光学镜头有限公司（示例）", "360826", 11 * kYi, 760, "2020-05-06", "electronics",
       "摄像头模组", kMember},
      {"th_smt", "泰和县精贴电子科技有限公司（示例）", "360826", 7 * kYi, 430, "2020-10-30", "electronics",
       "电子电路（PCB）", kMember},
      // ---- 红板科技 and the local printed-circuit cluster. ----
      {"hb", "红板（江西）有限公司", kJinggangshanZone, 52 * kYi, 5200, "", "electronics", "电子电路（PCB）", kMaster},
      {"pcb_hc", "吉安市鸿创电路科技有限公司（示例）", kJinggangshanZone, 60 * kYi, 4300, "2012-10-15", "electronics",
       "电子电路（PCB）", kKey},
      {"pcb_jh", "吉安市嘉合电子电路有限公司（示例）", "360803", 26 * kYi, 2100, "2015-03-20", "electronics",
       "电子电路（PCB）", kMember},
      {"copper", "吉安市瑞铜电子材料有限公司（示例）", "360822", 22 * kYi, 900, "2016-08-08", "electronics",
       "电子专用材料", kKey},
      // ---- 木林森's Mini LED project (local companies invented: the article names only 木林森). ----
      {"mls", "木林森股份有限公司", "442000", 170 * kYi, 26000, "", "electronics", "Mini LED封装", kKey},
      {"mls_pkg", "木林森Mini LED封装（吉安）有限公司（示例）", kJinggangshanZone, 62 * kYi, 3800, "2021-04-28",
       "electronics", "Mini LED封装", kMaster},
      {"mls_bracket", "木林森支架材料（吉安）有限公司（示例）", kJinggangshanZone, 18 * kYi, 1200, "2021-09-15",
       "electronics", "支架", kMaster},
      {"mls_glue", "木林森封装胶材（吉安）有限公司（示例）", kJinggangshanZone, 32000 * kWan, 160, "2022-06-01",
       "electronics", "胶水", kMember},
      {"mls_display", "木林森显示科技（吉安）有限公司（示例）", kJinggangshanZone, 55 * kYi, 3100, "2021-12-09",
       "electronics", "显示屏", kMaster},
      {"mls_light", "木林森健康照明（吉安）有限公司（示例）", kJinggangshanZone, 28 * kYi, 2200, "2022-03-17",
       "electronics", "健康照明", kMaster},
      {"tape_local", "吉安市恒运载带科技有限公司（示例）", "360821", 11000 * kWan, 95, "2022-08-19", "electronics",
       "封装载带", kMember},
      {"bracket_jt", "吉安县金拓五金支架有限公司（示例）", "360821", 6 * kYi, 380, "2014-05-12", "electronics", "支架",
       kMember},
      {"pkg_xl", "吉安市芯亮光电有限公司（示例）", "360802", 9 * kYi, 650, "2016-11-03", "electronics", "Mini LED封装",
       kMember},
      {"light_lg", "永丰县绿光照明电器有限公司（示例）", "360825", 45000 * kWan, 420, "2011-07-22", "electronics",
       "健康照明", kMember},
      {"odm_xd", "吉安市讯达智能终端有限公司（示例）", kJinggangshanZone, 128 * kYi, 8800, "2013-04-09", "electronics",
       "智能终端", kKey},
      // ---- 电子信息, outside 吉安: suppliers, and the brands that buy. ----
      {"glue_sz", "苏州市晶粘新材料有限公司（示例）", "320505", 24 * kYi, 1300, "2009-03-16", "electronics", "胶水",
       kMember},
      {"glue_gj", "深圳市固晶胶粘科技有限公司（示例）", "440306", 15 * kYi, 700, "2012-08-20", "electronics", "胶水",
       kMember},
      {"tape_dg", "东莞市精带电子材料有限公司（示例）", "441900", 12 * kYi, 820, "2010-05-28", "electronics",
       "封装载带", kMember},
      {"tape_szx", "深圳市载芯包装材料有限公司（示例）", "440307", 8 * kYi, 460, "2013-10-11", "electronics",
       "封装载带", kMember},
      {"bracket_zs", "中山市明辉LED支架有限公司（示例）", "442000", 5 * kYi, 350, "2008-12-02", "electronics", "支架",
       kMember},
      {"chip_xm", "厦门市晶耀光电芯片有限公司（示例）", "350213", 86 * kYi, 3400, "2006-06-06", "electronics", "芯片",
       kMember},
      {"chip_sz", "深圳市芯驰显示驱动技术有限公司（示例）", "440305", 32 * kYi, 520, "2014-02-17", "electronics", "芯片",
       kMember},
      {"chip_hf", "合肥市视界驱动芯片有限公司（示例）", "340104", 21 * kYi, 380, "2016-09-09", "electronics", "芯片",
       kMember},
      {"chip_suz", "苏州市微核集成电路有限公司（示例）", "320505", 40 * kYi, 900, "2011-01-19", "electronics", "芯片",
       kMember},
      {"ccl_hz", "惠州市华覆铜板有限公司（示例）", "441302", 38 * kYi, 2100, "2005-07-07", "electronics",
       "电子专用材料", kMember},
      {"brand_sz", "深圳市鹏信通讯设备有限公司（示例）", "440305", 680 * kYi, 21000, "2003-03-03", "electronics",
       "智能终端", kMember},
      {"brand_dg", "东莞市宏图智能科技有限公司（示例）", "441900", 420 * kYi, 16000, "2007-08-18", "electronics",
       "消费电子", kMember},
      {"display_sz", "深圳市视通商显科技有限公司（示例）", "440306", 46 * kYi, 2400, "2010-04-26", "electronics",
       "显示屏", kMember},
      {"light_gz", "广州市光耀照明贸易有限公司（示例）", "440106", 18 * kYi, 300, "2008-10-10", "electronics",
       "健康照明", kMember},

      // ---- 生物医药. ----
      {"herb", "吉水县本草中药材种植有限公司（示例）", "360822", 6000 * kWan, 120, "2015-04-08", "biomedicine",
       "中药材种植", kKey},
      {"api_ky", "新干县康源医药化工有限公司（示例）", "360824", 3 * kYi, 260, "2009-11-26", "biomedicine", "化学原料药",
       kMember},
      {"api_tz", "台州市海康原料药有限公司（示例）", "331002", 28 * kYi, 1600, "2002-05-15", "biomedicine", "化学原料药",
       kMember},
      {"excipient", "峡江县华瑞药用包装材料有限公司（示例）", "360823", 2 * kYi, 180, "2013-07-30", "biomedicine",
       "药用辅料及包装材料", kMember},
      {"slices", "吉安县庐陵中药饮片有限公司（示例）", "360821", 26000 * kWan, 210, "2012-03-19", "biomedicine",
       "中药饮片", kKey},
      {"tcm_jg", "吉安市井冈药业有限公司（示例）", "360802", 14 * kYi, 980, "2004-09-01", "biomedicine", "中成药",
       kMaster},
      {"tcm_hc", "永新县禾川制药有限公司（示例）", "360830", 4 * kYi, 320, "2008-06-12", "biomedicine", "中成药", kMember},
      {"pharma_qy", "吉安市青原制药有限公司（示例）", "360803", 6 * kYi, 450, "2010-10-20", "biomedicine",
       "化学药品制剂", kKey},
      {"bio_gs", "吉安市赣生生物科技有限公司（示例）", kJinggangshanZone, 8000 * kWan, 90, "2020-12-01", "biomedicine",
       "生物药品", kMember},
      {"device_ak", "安福县安康医疗器械有限公司（示例）", "360829", 3 * kYi, 280, "2014-08-25", "biomedicine",
       "医疗器械与耗材", kMember},
      {"imaging_sz", "深圳市康影医疗设备有限公司（示例）", "440306", 55 * kYi, 2600, "2006-01-10", "biomedicine",
       "医疗诊断设备", kMember},
      {"imaging_wh", "武汉市光谷医学影像设备有限公司（示例）", "420111", 18 * kYi, 800, "2012-05-05", "biomedicine",
       "医疗诊断设备", kMember},
      {"distrib", "吉安市庐陵医药有限公司（示例）", "360802", 22 * kYi, 600, "2003-02-14", "biomedicine", "医药流通",
       kMaster},
      {"pharmacy", "吉安市百姓大药房连锁有限公司（示例）", "360802", 5 * kYi, 900, "2011-12-12", "biomedicine",
       "医药零售", kMember},

      // ---- 数字经济. ----
      {"net", "吉安市井冈通信网络有限公司（示例）", "360802", 9 * kYi, 520, "2008-04-16", "digital_economy", "通信网络",
       kKey},
      {"idc", "吉安市庐陵云计算数据中心有限公司（示例）", kJinggangshanZone, 3 * kYi, 110, "2019-03-28",
       "digital_economy", "数据中心与算力", kKey},
      {"icd_hf", "合肥市芯途集成电路设计有限公司（示例）", "340176", 12 * kYi, 300, "2015-06-30", "digital_economy",
       "集成电路设计", kMember},
      {"icd_sz", "深圳市物芯微电子有限公司（示例）", "440305", 9 * kYi, 200, "2017-02-20", "digital_economy",
       "集成电路设计", kMember},
      {"soft_gx", "吉安市赣星软件有限公司（示例）", "360802", 18000 * kWan, 260, "2010-08-18", "digital_economy",
       "软件开发", kKey},
      {"soft_qy", "吉安市青原数智科技有限公司（示例）", "360803", 6000 * kWan, 90, "2021-05-10", "digital_economy",
       "软件开发", kMember},
      {"soft_hz", "杭州市云栖软件技术有限公司（示例）", "330106", 30 * kYi, 1200, "2009-09-09", "digital_economy",
       "软件开发", kMember},
      {"integrator", "吉安市智城信息系统集成有限公司（示例）", "360802", 24000 * kWan, 180, "2012-11-06",
       "digital_economy", "信息系统集成", kMaster},
      {"iot", "吉安市物联感知科技有限公司（示例）", kJinggangshanZone, 9000 * kWan, 120, "2018-07-07",
       "digital_economy", "物联网技术服务", kMember},
      {"iip", "吉安市工链互联网科技有限公司（示例）", kJinggangshanZone, 7000 * kWan, 80, "2020-04-22",
       "digital_economy", "工业互联网平台", kKey},
      {"ecom", "吉安市井冈优品电子商务有限公司（示例）", "360802", 4 * kYi, 150, "2016-10-18", "digital_economy",
       "电子商务", kMember},
      {"anim", "吉安市红韵动漫文化有限公司（示例）", "360802", 3000 * kWan, 60, "2019-01-15", "digital_economy",
       "数字内容", kMember},

      // ---- 新型材料. ----
      {"salt_mine", "新干县盐卤矿业有限公司（示例）", "360824", 4 * kYi, 380, "2006-03-03", "new_materials", "采盐", kKey},
      {"fluorite", "永丰县萤石矿业有限公司（示例）", "360825", 3 * kYi, 300, "2007-10-09", "new_materials", "萤石开采",
       kKey},
      {"chlor_alkali", "新干县盐化工有限公司（示例）", "360824", 26 * kYi, 1200, "2008-05-20", "new_materials", "盐化工",
       kMaster},
      {"fluoro", "吉水县氟化新材料有限公司（示例）", "360822", 19 * kYi, 850, "2011-06-16", "new_materials", "氟化工",
       kMaster},
      {"wetchem", "吉安市微纯电子化学品有限公司（示例）", kJinggangshanZone, 5 * kYi, 210, "2018-09-27",
       "new_materials", "电子化学品", kKey},
      {"glassfibre", "峡江县玻纤新材料有限公司（示例）", "360823", 11 * kYi, 760, "2012-12-18", "new_materials",
       "玻璃纤维", kKey},
      {"electrolyte", "吉安县锂源电解液有限公司（示例）", "360821", 8 * kYi, 260, "2019-11-11", "new_materials",
       "锂电池电解液", kMember},
      {"composite", "泰和县复材科技有限公司（示例）", "360826", 4 * kYi, 330, "2015-08-06", "new_materials",
       "复合材料制品", kMember},
      {"ptfe_qz", "衢州市氟聚新材料有限公司（示例）", "330803", 45 * kYi, 1800, "2004-04-04", "new_materials",
       "含氟高分子材料", kMember},
      {"ptfe_sm", "三明市永氟高分子材料有限公司（示例）", "350404", 16 * kYi, 700, "2010-07-19", "new_materials",
       "含氟高分子材料", kMember},

      // ---- 先进装备制造（示例）. ----
      {"casting", "泰和县恒锻精密铸造有限公司（示例）", "360826", 8 * kYi, 620, "2009-06-26", "advanced_equipment",
       "铸锻件", kKey},
      {"gear", "吉安县永力传动科技有限公司（示例）", "360821", 5 * kYi, 410, "2013-03-13", "advanced_equipment",
       "轴承与齿轮", kMember},
      {"motor", "吉水县驰达电机有限公司（示例）", "360822", 12 * kYi, 860, "2010-09-15", "advanced_equipment", "电机",
       kKey},
      {"cnc", "吉安市井冈数控机床有限公司（示例）", kJinggangshanZone, 6 * kYi, 380, "2016-05-18", "advanced_equipment",
       "数控机床", kMember},
      {"robot_local", "吉安市智联自动化设备有限公司（示例）", kJinggangshanZone, 9000 * kWan, 150, "2019-08-08",
       "advanced_equipment", "工业机器人", kMember},
      {"robot_gz", "广州市智擎机器人有限公司（示例）", "440112", 36 * kYi, 1500, "2011-11-11", "advanced_equipment",
       "工业机器人", kMember},
      {"robot_suz", "苏州市精控机器人科技有限公司（示例）", "320505", 22 * kYi, 900, "2014-04-14", "advanced_equipment",
       "工业机器人", kMember},
      {"parts_by", "吉安市博远汽车零部件有限公司（示例）", "360802", 18 * kYi, 1300, "2007-07-17", "advanced_equipment",
       "汽车零部件", kMaster},
      {"parts_jh", "安福县金宏汽配有限公司（示例）", "360829", 7 * kYi, 520, "2012-02-02", "advanced_equipment",
       "汽车零部件", kMember},
      {"ev_cs", "长沙市星驰新能源汽车有限公司（示例）", "430112", 260 * kYi, 9000, "2016-12-26", "advanced_equipment",
       "新能源汽车整车", kMember},
      {"ev_hf", "合肥市远航新能源汽车有限公司（示例）", "340177", 310 * kYi, 11000, "2015-10-28", "advanced_equipment",
       "新能源汽车整车", kMember},

      // ---- 绿色食品（示例）. ----
      {"rice_farm", "泰和县禾丰农业发展有限公司（示例）", "360826", 6000 * kWan, 80, "2014-03-21", "green_food",
       "稻谷种植", kKey},
      {"pomelo", "井冈山市蜜柚果业有限公司（示例）", "360881", 8000 * kWan, 150, "2013-09-16", "green_food",
       "井冈蜜柚种植", kKey},
      {"tea_farm", "遂川县茗香茶业种植有限公司（示例）", "360827", 4000 * kWan, 90, "2012-04-27", "green_food",
       "茶叶种植", kMember},
      {"rice_mill", "泰和县金谷米业有限公司（示例）", "360826", 3 * kYi, 210, "2005-10-10", "green_food", "稻谷加工",
       kMaster},
      {"tea_factory", "遂川县云岭精制茶有限公司（示例）", "360827", 16000 * kWan, 140, "2010-05-05", "green_food",
       "精制茶加工", kKey},
      {"fruit_food", "吉安县果源食品有限公司（示例）", "360821", 2 * kYi, 160, "2017-06-06", "green_food", "水果加工",
       kMember},
      {"wholesale", "吉安市庐陵农产品批发市场有限公司（示例）", "360802", 6 * kYi, 120, "2006-08-08", "green_food",
       "食品批发", kKey},
      {"fresh_sz", "深圳市鲜达农产品供应链有限公司（示例）", "440303", 40 * kYi, 800, "2011-03-15", "green_food",
       "食品批发", kMember},

      // ---- 文化旅游（示例）. ----
      {"design", "吉安市庐陵文创设计有限公司（示例）", "360802", 3000 * kWan, 60, "2018-03-08", "cultural_tourism",
       "文创设计", kMember},
      {"craft", "永新县三湾工艺品有限公司（示例）", "360830", 4500 * kWan, 110, "2015-11-20", "cultural_tourism",
       "工艺美术品制造", kMember},
      {"scenic", "井冈山市红色旅游景区管理有限公司（示例）", "360881", 8 * kYi, 900, "2004-10-01", "cultural_tourism",
       "红色旅游景区", kMaster},
      {"agency", "吉安市井冈国际旅行社有限公司（示例）", "360802", 2 * kYi, 150, "2001-06-18", "cultural_tourism",
       "旅行社", kKey},
      {"agency_cs", "长沙市湘赣红色旅行社有限公司（示例）", "430102", 3 * kYi, 180, "2009-07-01", "cultural_tourism",
       "旅行社", kMember},
      {"hotel", "井冈山市翠湖大酒店有限公司（示例）", "360881", 15000 * kWan, 320, "2007-05-01", "cultural_tourism",
       "旅游饭店与民宿", kMember},
      {"show", "井冈山市映山红演艺有限公司（示例）", "360881", 9000 * kWan, 200, "2016-07-01", "cultural_tourism",
       "文艺演出", kMember},

      // ---- 现代农业（示例）. ----
      {"seedling", "吉安县绿源种苗有限公司（示例）", "360821", 3500 * kWan, 70, "2016-02-29", "modern_agriculture",
       "种子种苗", kMember},
      {"fertiliser", "峡江县沃土有机肥有限公司（示例）", "360823", 5000 * kWan, 90, "2017-09-01", "modern_agriculture",
       "有机肥料", kMember},
      {"farm_machine", "吉水县丰收农机有限公司（示例）", "360822", 7000 * kWan, 150, "2011-10-24", "modern_agriculture",
       "农业机械", kMember},
      {"machine_wf", "潍坊市沃野农业装备有限公司（示例）", "370782", 30 * kYi, 1400, "2003-08-15", "modern_agriculture",
       "农业机械", kMember},
      {"pigs", "万安县赣牧生猪养殖有限公司（示例）", "360828", 5 * kYi, 400, "2015-12-20", "modern_agriculture",
       "生猪养殖", kMaster},
      {"vegetables", "永丰县蔬菜产业发展有限公司（示例）", "360825", 3 * kYi, 260, "2014-06-30", "modern_agriculture",
       "蔬菜种植", kKey},
      {"coldchain_cs", "长沙市湘冷冷链物流有限公司（示例）", "430121", 12 * kYi, 600, "2012-12-12",
       "modern_agriculture", "冷链仓储", kMember},
  };
  return firms;
}

const std::vector<LinkSpec>& Links() {
  static const std::vector<LinkSpec> links = {
      // Mini LED: glue and carrier tape mostly from 苏州, 深圳 and 东莞 (leaks); brackets mostly local.
      {"mls_glue", "mls_pkg", 6000 * kWan, "封装胶"},
      {"glue_sz", "mls_pkg", 28000 * kWan, "封装胶"},
      {"glue_gj", "mls_pkg", 19000 * kWan, "封装胶"},
      {"glue_gj", "pkg_xl", 3000 * kWan, "封装胶"},
      {"mls_bracket", "mls_pkg", 52000 * kWan, "LED 支架"},
      {"bracket_jt", "mls_pkg", 18000 * kWan, "LED 支架"},
      {"bracket_jt", "pkg_xl", 4000 * kWan, "LED 支架"},
      {"bracket_zs", "pkg_xl", 9000 * kWan, "LED 支架"},
      {"tape_local", "mls_pkg", 3000 * kWan, "封装载带"},
      {"tape_dg", "mls_pkg", 16000 * kWan, "封装载带"},
      {"tape_szx", "mls_pkg", 11000 * kWan, "封装载带"},
      {"tape_szx", "pkg_xl", 2000 * kWan, "封装载带"},
      // Chips: none made locally (breakpoint); the outside makers already sell to local firms.
      {"chip_xm", "mls_pkg", 65000 * kWan, "Mini LED 芯片"},
      {"chip_xm", "pkg_xl", 8000 * kWan, "LED 芯片"},
      {"chip_sz", "mls_display", 32000 * kWan, "显示驱动 IC"},
      {"chip_sz", "hlt", 9000 * kWan, "显示驱动 IC"},
      {"chip_hf", "hlt", 24000 * kWan, "显示驱动 IC"},
      {"chip_suz", "lx", 110000 * kWan, "电源管理与射频芯片"},
      // Packaging to screens and lighting.
      {"mls_pkg", "mls_display", 98000 * kWan, "Mini LED 背光器件"},
      {"mls_pkg", "mls_light", 45000 * kWan, "LED 器件"},
      {"mls_pkg", "display_sz", 20000 * kWan, "Mini LED 器件"},
      {"pkg_xl", "light_lg", 8000 * kWan, "LED 器件"},
      {"mls", "light_lg", 12000 * kWan, "LED 器件"},
      {"mls_display", "display_sz", 210000 * kWan, "Mini LED 显示屏"},
      {"mls_light", "light_gz", 60000 * kWan, "健康照明灯具"},
      {"light_lg", "light_gz", 15000 * kWan, "照明灯具"},
      // Materials and printed circuits.
      {"copper", "hb", 35000 * kWan, "电解铜箔"},
      {"copper", "pcb_hc", 12000 * kWan, "电解铜箔"},
      {"ccl_hz", "hb", 25000 * kWan, "覆铜板"},
      {"ccl_hz", "pcb_jh", 8000 * kWan, "覆铜板"},
      {"th_film", "hlt", 23000 * kWan, "光学膜"},
      {"th_film", "hlt_touch", 6000 * kWan, "光学膜"},
      {"th_glass", "hlt_touch", 28000 * kWan, "盖板玻璃"},
      {"hb", "lx", 68000 * kWan, "印制电路板"},
      {"hb", "hlt", 22000 * kWan, "印制电路板"},
      {"hb", "lx_wear", 15000 * kWan, "刚挠结合板"},
      {"pcb_hc", "lx", 30000 * kWan, "印制电路板"},
      {"pcb_hc", "odm_xd", 26000 * kWan, "印制电路板"},
      {"pcb_jh", "odm_xd", 9000 * kWan, "印制电路板"},
      {"pcb_jh", "mls_display", 5000 * kWan, "驱动板"},
      {"hlt_fpc", "hlt", 40000 * kWan, "柔性电路板"},
      {"hlt_fpc", "hlt_camera", 8000 * kWan, "柔性电路板"},
      {"th_smt", "hlt", 6000 * kWan, "贴装加工"},
      // Components into 立讯's assembly.
      {"lx_conn", "lx", 250000 * kWan, "连接器"},
      {"lx_conn", "brand_sz", 60000 * kWan, "连接器"},
      {"lx_cable", "lx", 180000 * kWan, "线缆组件"},
      {"lx_rf", "lx", 90000 * kWan, "射频器件"},
      {"lx_acoustic", "lx_wear", 120000 * kWan, "声学器件"},
      {"lx_mech", "lx", 60000 * kWan, "精密结构件"},
      {"lx_mech", "lx_wear", 20000 * kWan, "精密结构件"},
      {"th_passive", "hlt", 15000 * kWan, "被动元件"},
      {"th_passive", "odm_xd", 4000 * kWan, "被动元件"},
      // Displays and cameras.
      {"th_backlight", "hlt", 19000 * kWan, "背光源"},
      {"hlt_touch", "hlt", 36000 * kWan, "触控模组"},
      {"hlt", "lx_wear", 50000 * kWan, "显示模组"},
      {"hlt", "odm_xd", 42000 * kWan, "显示模组"},
      {"hlt", "brand_sz", 280000 * kWan, "显示模组"},
      {"th_lens", "hlt_camera", 14000 * kWan, "光学镜头"},
      {"hlt_camera", "odm_xd", 30000 * kWan, "摄像头模组"},
      {"hlt_camera", "brand_sz", 120000 * kWan, "摄像头模组"},
      // Finished products, mostly sold to brands outside.
      {"lx", "brand_sz", 1800000 * kWan, "整机组装"},
      {"lx", "brand_dg", 950000 * kWan, "整机组装"},
      {"lx_wear", "brand_dg", 900000 * kWan, "可穿戴设备"},
      {"odm_xd", "brand_sz", 650000 * kWan, "手机 ODM"},

      // 生物医药: 化学原料药 bought mostly from 台州 (leak); diagnostic equipment from outside (breakpoint).
      {"herb", "slices", 3500 * kWan, "中药材"},
      {"herb", "tcm_jg", 2500 * kWan, "中药材"},
      {"slices", "tcm_jg", 6000 * kWan, "中药饮片"},
      {"slices", "tcm_hc", 2000 * kWan, "中药饮片"},
      {"api_ky", "pharma_qy", 5000 * kWan, "原料药"},
      {"api_tz", "pharma_qy", 14000 * kWan, "原料药"},
      {"excipient", "tcm_jg", 1800 * kWan, "药用包装材料"},
      {"excipient", "pharma_qy", 1200 * kWan, "药用辅料"},
      {"tcm_jg", "distrib", 48000 * kWan, "中成药"},
      {"tcm_hc", "distrib", 9000 * kWan, "中成药"},
      {"pharma_qy", "distrib", 15000 * kWan, "化学药品制剂"},
      {"bio_gs", "distrib", 2000 * kWan, "生物制品"},
      {"device_ak", "distrib", 6000 * kWan, "医用耗材"},
      {"imaging_sz", "distrib", 7000 * kWan, "医学影像设备"},
      {"imaging_wh", "distrib", 3000 * kWan, "医学影像设备"},
      {"distrib", "pharmacy", 32000 * kWan, "药品配送"},

      // 数字经济: chip design from outside (breakpoint); software mostly local.
      {"net", "idc", 2000 * kWan, "通信专线"},
      {"net", "iot", 600 * kWan, "物联网卡与专线"},
      {"idc", "iip", 800 * kWan, "算力租用"},
      {"idc", "integrator", 1200 * kWan, "机柜与云资源"},
      {"soft_gx", "integrator", 3000 * kWan, "应用软件"},
      {"soft_qy", "integrator", 800 * kWan, "应用软件"},
      {"soft_hz", "integrator", 2500 * kWan, "平台软件"},
      {"soft_gx", "ecom", 500 * kWan, "电商系统"},
      {"icd_hf", "iot", 1500 * kWan, "物联网芯片"},
      {"icd_sz", "iot", 900 * kWan, "传感芯片"},
      {"iot", "iip", 1800 * kWan, "设备联网"},
      {"iip", "lx", 1500 * kWan, "工业互联网平台服务"},
      {"iip", "hb", 600 * kWan, "工业互联网平台服务"},
      {"anim", "scenic", 300 * kWan, "数字文创内容"},

      // 新型材料: no local fluoropolymer maker (breakpoint); its outside makers buy local 氢氟酸.
      {"salt_mine", "chlor_alkali", 15000 * kWan, "盐卤"},
      {"fluorite", "fluoro", 9000 * kWan, "萤石精粉"},
      {"chlor_alkali", "fluoro", 4000 * kWan, "烧碱"},
      {"chlor_alkali", "wetchem", 1500 * kWan, "高纯烧碱"},
      {"fluoro", "wetchem", 3500 * kWan, "无水氢氟酸"},
      {"fluoro", "electrolyte", 6000 * kWan, "氟化物"},
      {"fluoro", "ptfe_qz", 21000 * kWan, "无水氢氟酸"},
      {"fluoro", "ptfe_sm", 8000 * kWan, "无水氢氟酸"},
      {"wetchem", "hb", 4200 * kWan, "湿电子化学品"},
      {"wetchem", "pcb_hc", 1800 * kWan, "湿电子化学品"},
      {"glassfibre", "composite", 5000 * kWan, "玻璃纤维"},
      {"glassfibre", "ccl_hz", 12000 * kWan, "电子级玻纤布"},
      {"composite", "parts_by", 1500 * kWan, "复合材料部件"},

      // 先进装备制造: robots mostly bought from 广州 and 苏州 (leak); no local car maker (breakpoint).
      {"casting", "parts_by", 9000 * kWan, "铸件"},
      {"casting", "parts_jh", 3000 * kWan, "铸件"},
      {"gear", "parts_by", 4000 * kWan, "齿轮"},
      {"motor", "parts_by", 6000 * kWan, "电机"},
      {"motor", "ev_cs", 15000 * kWan, "驱动电机"},
      {"cnc", "parts_by", 2500 * kWan, "数控机床"},
      {"cnc", "casting", 1200 * kWan, "数控机床"},
      {"parts_by", "ev_cs", 68000 * kWan, "汽车零部件"},
      {"parts_by", "ev_hf", 52000 * kWan, "汽车零部件"},
      {"parts_jh", "ev_hf", 21000 * kWan, "汽车零部件"},
      {"robot_local", "lx", 2000 * kWan, "自动化产线"},
      {"robot_gz", "lx", 8000 * kWan, "工业机器人"},
      {"robot_gz", "hb", 3000 * kWan, "工业机器人"},
      {"robot_gz", "parts_by", 2500 * kWan, "焊接机器人"},
      {"robot_suz", "hlt", 5000 * kWan, "工业机器人"},

      // 绿色食品.
      {"rice_farm", "rice_mill", 4500 * kWan, "稻谷"},
      {"pomelo", "fruit_food", 2500 * kWan, "井冈蜜柚"},
      {"pomelo", "wholesale", 3000 * kWan, "井冈蜜柚"},
      {"tea_farm", "tea_factory", 2800 * kWan, "茶青"},
      {"rice_mill", "wholesale", 9000 * kWan, "大米"},
      {"rice_mill", "fresh_sz", 12000 * kWan, "大米"},
      {"tea_factory", "ecom", 3500 * kWan, "精制茶"},
      {"fruit_food", "fresh_sz", 6000 * kWan, "果品"},
      {"wholesale", "fresh_sz", 8000 * kWan, "农产品"},

      // 文化旅游.
      {"design", "craft", 600 * kWan, "文创设计"},
      {"craft", "scenic", 1500 * kWan, "文创商品"},
      {"scenic", "agency", 3000 * kWan, "景区门票"},
      {"scenic", "agency_cs", 2400 * kWan, "景区门票"},
      {"hotel", "agency", 1800 * kWan, "客房"},
      {"hotel", "agency_cs", 1200 * kWan, "客房"},
      {"show", "scenic", 2200 * kWan, "驻场演出"},

      // 现代农业: machinery mostly from 潍坊 (leak); no local cold storage (breakpoint).
      {"seedling", "vegetables", 800 * kWan, "蔬菜种苗"},
      {"fertiliser", "vegetables", 1200 * kWan, "有机肥"},
      {"pigs", "fertiliser", 300 * kWan, "畜禽粪污"},
      {"farm_machine", "vegetables", 600 * kWan, "农机具"},
      {"machine_wf", "vegetables", 1500 * kWan, "农机具"},
      {"machine_wf", "rice_farm", 900 * kWan, "插秧机与收割机"},
      {"coldchain_cs", "vegetables", 700 * kWan, "低温仓储"},
      {"coldchain_cs", "pigs", 900 * kWan, "冷冻仓储"},
      {"vegetables", "wholesale", 2000 * kWan, "蔬菜"},
      {"pigs", "fresh_sz", 15000 * kWan, "生猪"},
  };
  return links;
}

// Commissioners (特派员) stationed in key enterprises, and the units they come from.
constexpr CommissionSpec kCommissions[] = {
    {"lx", "吉安市工业和信息化局", "罗建华（示例）"},
    {"hb", "井冈山经济技术开发区管委会", "曾卫东（示例）"},
    {"hlt", "泰和县人民政府", "肖国庆（示例）"},
    {"mls_pkg", "吉安市商务局", "彭丽娟（示例）"},
};

// Size class by the industrial rule of the statistics bureau's size standard (2017): large with at
// least 1000 staff and 4亿元 revenue, medium 300 and 2000万元, small 20 and 300万元, micro below.
chain::SizeClass SizeOf(int64_t revenue, int64_t employees) {
  if (employees >= 1000 && revenue >= 4 * kYi) return chain::SizeClass::kLarge;
  if (employees >= 300 && revenue >= 2000 * kWan) return chain::SizeClass::kMedium;
  if (employees >= 20 && revenue >= 300 * kWan) return chain::SizeClass::kSmall;
  return chain::SizeClass::kMicro;
}

class ChainsBuilder {
 public:
  ChainsBuilder(Platform& p, const Actor& actor, const std::map<std::string, int64_t>& units)
      : p_(p), actor_(actor), units_(units) {}

  Result<BuiltChains> Build() {
    for (const auto& spec : Chains()) RETURN_IF_ERROR(BuildChain(spec));
    for (const auto& firm : Firms()) RETURN_IF_ERROR(BuildFirm(firm));
    for (const auto& link : Links()) RETURN_IF_ERROR(BuildLink(link));
    for (const auto& c : kCommissions) {
      auto firm = firms_.find(c.firm);
      if (firm == firms_.end()) return Internal(std::string("demo commission for unknown firm ") + c.firm);
      out_.commissions.push_back({firm->second.credit_code, firm->second.name, c.unit, c.commissioner});
    }
    return std::move(out_);
  }

 private:
  struct Firm {
    int64_t id = 0;
    std::string credit_code;
    std::string name;
  };

  Result<int64_t> UnitId(const std::string& name) const {
    auto it = units_.find(name);
    if (it == units_.end()) return Internal("the demo unit " + name + " is missing");
    return it->second;
  }

  Status BuildChain(const ChainSpec& spec) {
    ChainInput in;
    in.name = spec.name;
    in.description = spec.description;
    in.region_code = kHomeRegion;
    ASSIGN_OR_RETURN(int64_t lead, UnitId(spec.lead));
    in.lead_unit_id = lead;
    for (const char* unit : spec.responsible) {
      ASSIGN_OR_RETURN(int64_t id, UnitId(unit));
      in.responsible_unit_ids.push_back(id);
    }
    in.target_revenue = spec.target_revenue;
    in.target_year = spec.target_year;
    in.example = spec.example;
    ASSIGN_OR_RETURN(auto created, p_.chains().Create(actor_, in));
    ++out_.chains;
    std::map<std::string, int64_t>& segments = segments_[spec.key];
    // Parents are listed before their sub-segments.
    for (const auto& s : spec.segments) {
      SegmentInput seg;
      seg.name = s.name;
      seg.stage = s.stage;
      if (s.parent) {
        auto parent = segments.find(s.parent);
        if (parent == segments.end()) return Internal(std::string("demo segment parent ") + s.parent + " not yet built");
        seg.parent_id = parent->second;
      }
      seg.industry_code = s.code;
      seg.description = s.description;
      seg.sort_order = s.sort;
      ASSIGN_OR_RETURN(auto made, p_.chains().CreateSegment(actor_, created.id, seg));
      segments[s.name] = made.id;
      ++out_.segments;
    }
    for (const auto& [from, to] : spec.flows) {
      ASSIGN_OR_RETURN(int64_t a, SegmentId(spec.key, from));
      ASSIGN_OR_RETURN(int64_t b, SegmentId(spec.key, to));
      RETURN_IF_ERROR(p_.chains().LinkSegments(actor_, created.id, chain::SegmentLink{a, b}));
    }
    out_.by_key[spec.key] = created;
    return Status::Ok();
  }

  Result<int64_t> SegmentId(const std::string& chain_key, const std::string& name) const {
    auto c = segments_.find(chain_key);
    if (c != segments_.end()) {
      auto s = c->second.find(name);
      if (s != c->second.end()) return s->second;
    }
    return Internal("the demo segment " + chain_key + "/" + name + " is missing");
  }

  Status BuildFirm(const FirmSpec& f) {
    EnterpriseInput in;
    in.name = f.name;
    in.region_code = f.region;
    in.credit_code = DemoCreditCode(in.name, in.region_code, f.founded);
    in.local = in.region_code.rfind(kHomeRegion, 0) == 0;
    in.revenue = f.revenue;
    in.employees = f.employees;
    in.size = SizeOf(f.revenue, f.employees);
    in.founded = f.founded;
    ASSIGN_OR_RETURN(auto saved, p_.enterprises().Create(actor_, in));
    if (!saved.similar.empty()) return Internal("demo enterprise " + in.name + " looks like " + saved.similar[0].name);
    ++out_.enterprises;
    ASSIGN_OR_RETURN(int64_t segment, SegmentId(f.chain, f.segment));
    RETURN_IF_ERROR(p_.enterprises().SetMembership(actor_, saved.enterprise.id, segment, f.role));
    ++out_.memberships;
    if (!firms_.emplace(f.key, Firm{saved.enterprise.id, saved.enterprise.credit_code, saved.enterprise.name}).second) {
      return Internal(std::string("demo firm key ") + f.key + " is used twice");
    }
    return Status::Ok();
  }

  Status BuildLink(const LinkSpec& l) {
    auto supplier = firms_.find(l.supplier);
    auto buyer = firms_.find(l.buyer);
    if (supplier == firms_.end() || buyer == firms_.end()) {
      return Internal(std::string("demo link between unknown firms ") + l.supplier + " → " + l.buyer);
    }
    RETURN_IF_ERROR(
        p_.enterprises().CreateLink(actor_, SupplyLinkInput{supplier->second.id, buyer->second.id, l.volume, l.note})
            .status());
    ++out_.links;
    return Status::Ok();
  }

  Platform& p_;
  const Actor& actor_;
  const std::map<std::string, int64_t>& units_;
  std::map<std::string, std::map<std::string, int64_t>> segments_;  // chain key → segment name → id
  std::map<std::string, Firm> firms_;
  BuiltChains out_;
};

}  // namespace

std::string DemoCreditCode(const std::string& name, const std::string& region, const std::string& founded) {
  static constexpr std::string_view kChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // GB 32100 character set
  uint64_t h = 1469598103934665603ull;  // FNV-1a over the name
  for (unsigned char c : name) {
    h ^= c;
    h *= 1099511628211ull;
  }
  std::string division = region.substr(0, 6);
  division.resize(6, '0');
  std::string body;
  if (founded.empty() || founded >= "2015-10-01") {
    body = "MA";
    for (int i = 0; i < 6; ++i, h /= kChars.size()) body.push_back(kChars[h % kChars.size()]);
  } else {
    for (int i = 0; i < 8; ++i, h /= 10) body.push_back(static_cast<char>('0' + h % 10));
  }
  std::string first17 = "91" + division + body + chain::OrganisationCodeCheckChar(body);
  return first17 + chain::CreditCodeCheckChar(first17);
}

Result<BuiltChains> BuildChains(Platform& platform, const Actor& actor, const std::map<std::string, int64_t>& units) {
  return ChainsBuilder(platform, actor, units).Build();
}

Result<int64_t> BuiltinRoleId(Platform& platform, const Actor& actor, const std::string& key) {
  ASSIGN_OR_RETURN(auto roles, platform.accounts().ListRoles(actor));
  for (const auto& r : roles) {
    if (r.key == key) return r.id;
  }
  return Internal("built-in role " + key + " is missing");
}

Result<int64_t> CreateDemoUser(Platform& platform, const Actor& actor, const std::string& login,
                               const std::string& name, int64_t unit, std::vector<int64_t> role_ids,
                               auth::ScopeKind scope) {
  UserInput in;
  in.login = login;
  in.name = name;
  in.unit_id = unit;
  in.role_ids = std::move(role_ids);
  in.scope.kind = scope;
  in.password = GeneratePassword();
  ASSIGN_OR_RETURN(auto view, platform.accounts().CreateUser(actor, in));
  return view.user.id;
}

}  // namespace lz::services::demo
