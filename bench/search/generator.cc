// Vocabularies and the text builder of generator.h.
#include "generator.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <thread>

namespace lz::bench {
namespace {

// SplitMix64: one independent stream per document, so ranges generate in parallel.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>((Next() >> 32) * n >> 32); }
  bool Chance(int percent) { return Below(100) < static_cast<uint32_t>(percent); }
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }

 private:
  uint64_t state_;
};

// A vocabulary drawn with Zipf weights 1/(rank + 1) in the order written.
class Zipf {
 public:
  explicit Zipf(std::vector<std::string> words) : words_(std::move(words)) {
    double total = 0;
    for (size_t k = 0; k < words_.size(); ++k) {
      total += 1.0 / static_cast<double>(k + 1);
      cumulative_.push_back(total);
    }
    for (double& c : cumulative_) c /= total;
  }
  const std::string& Pick(Rng& rng) const {
    const double x = rng.Unit();
    const size_t k = static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin());
    return words_[std::min(k, words_.size() - 1)];
  }
  const std::vector<std::string>& words() const { return words_; }

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

std::vector<std::string> Cross(const std::vector<std::string>& a, const std::vector<std::string>& b, uint64_t seed) {
  std::vector<std::string> out;
  for (const auto& x : a) {
    for (const auto& y : b) out.push_back(x + y);
  }
  // A fixed shuffle, so the Zipf ranks do not follow the first root.
  Rng rng(seed);
  for (size_t i = out.size(); i > 1; --i) std::swap(out[i - 1], out[rng.Below(static_cast<uint32_t>(i))]);
  return out;
}

struct Vocabulary {
  Zipf openings{{"市民来电反映：", "市民来电称：", "来电人反映：", "群众反映：", "市民通过12345热线反映：",
                 "网格员巡查发现：", "企业反映：", "居民反映：", "市民来电投诉：", "市民来电咨询：", "市民来信反映：",
                 "特派员反映：", "城管巡查发现：", "社区上报：", "业主反映：", "商户反映：", "家长反映：",
                 "村民反映：", "职工反映：", "来访群众反映："}};
  Zipf counties{{"吉州区", "青原区", "吉安县", "泰和县", "井冈山市", "吉水县", "永丰县", "安福县", "遂川县",
                 "万安县", "永新县", "新干县", "峡江县", "井冈山经济技术开发区", "庐陵新区"}};
  Zipf streets{{"白塘街道", "北门街道", "古南街道", "习溪桥街道", "文山街道", "禾埠街道", "永叔街道", "滨江街道",
                "河东街道", "天华山街道", "长塘镇", "兴桥镇", "樟山镇", "曲濑镇", "永和镇", "长岗乡", "富滩镇",
                "新圩镇", "值夏镇", "东固畲族乡", "文陂镇", "敦厚镇", "永阳镇", "天河镇", "横江镇", "固江镇",
                "万福镇", "油田镇", "凤凰镇", "桐坪镇", "指阳乡", "官田乡", "敖城镇", "北源乡", "大冲乡", "登龙乡",
                "安塘乡", "梅塘镇", "澄江镇", "禾市镇", "螺溪镇", "苑前镇", "沙村镇", "马市镇", "塘洲镇", "冠朝镇",
                "上模乡", "水槎乡", "中村乡", "小龙镇", "老营盘镇", "碧洲镇", "沿溪镇", "石马镇", "芦溪乡"}};
  Zipf compounds{Cross({"阳光", "幸福", "锦绣", "金色", "碧桂园", "恒大", "万达", "书香", "翰林", "滨江", "湖滨",
                        "紫荆", "梧桐", "凤凰", "天鹅", "龙湾", "江南", "庐陵", "井冈", "白鹭", "文峰", "螺湖",
                        "青原", "城南", "城北", "东方", "世纪", "华润", "中央", "御景", "天悦", "盛世", "和谐",
                        "康居", "安居", "富民", "兴业", "民生", "新天地", "金域", "名门", "学府", "香樟", "丽景",
                        "翠苑", "星河", "明珠", "泰和", "鹭洲", "吉祥"},
                       {"花园", "小区", "家园", "新村", "公寓", "名城", "华庭", "府", "苑", "广场", "雅居", "山庄",
                        "城", "花苑", "佳苑", "大院", "嘉园", "一品", "华府", "御府"},
                       11)};
  Zipf roads{Cross({"井冈山", "吉州", "庐陵", "阳明", "韶山", "鹭洲", "沿江", "仁山坪", "城南", "城北", "文山",
                    "白塘", "永叔", "后河", "中山", "人民", "解放", "青原", "天华", "螺湖", "吉安南", "北门",
                    "文天祥", "欧阳修", "钟鼓楼", "习溪", "禾埠", "长塘", "站前", "工业"},
                   {"大道", "路", "东路", "西路", "南路", "北路", "街", "巷", "中路"}, 12)};
  Zipf spots{{"门口", "附近", "旁边", "路口", "对面", "楼下", "东门", "北门", "西侧", "南侧", "地下车库", "路段",
              "交叉口", "后面", "入口处", "停车场", "广场上", "内部道路"}};
  Zipf facilities{{"路灯", "井盖", "下水道", "垃圾桶", "电梯", "楼道灯", "自来水管", "停车位", "化粪池", "消防通道",
                   "人行道", "绿化带", "充电桩", "燃气管道", "排水沟", "红绿灯", "供水管网", "健身器材",
                   "污水管道", "广告牌", "空调外机", "斑马线", "公交站台", "农贸市场", "公共厕所", "门禁系统",
                   "监控摄像头", "单元防盗门", "围墙", "屋顶", "外墙瓷砖", "楼顶水箱", "变压器", "电线杆",
                   "通信基站", "5G基站", "宽带线路", "路面", "桥梁护栏", "隔离栏", "行道树", "草坪", "雨水井",
                   "消防栓", "灭火器", "电动车充电棚", "快递柜", "儿童游乐设施", "篮球场", "道闸", "楼梯扶手",
                   "屋面防水层", "阳台", "窗户", "水表", "电表", "燃气表", "热水器", "LED显示屏", "小区大门",
                   "窨井", "排污口", "油烟净化器", "施工工地", "渣土车", "共享单车", "流浪狗", "违章建筑",
                   "商铺招牌", "幼儿园", "菜市场", "河道", "池塘", "水库", "农田", "公交线路", "网约车", "校车",
                   "路牌", "减速带", "人行天桥", "地下通道", "小区道路", "消防车道", "垃圾中转站"}};
  Zipf problems{{"损坏", "不亮", "堵塞", "漏水", "缺失", "长期无人维修", "噪音扰民", "存在安全隐患", "被占用",
                 "异味严重", "乱停乱放", "破损严重", "经常停电", "无法正常使用", "渗水", "水压不足", "频繁故障",
                 "积水严重", "出水浑浊", "困人", "被盗", "倾斜", "脱落", "污水外溢", "蚊虫滋生", "杂草丛生",
                 "私搭乱建", "占道经营", "油烟扰民", "夜间施工扰民", "粉尘污染", "乱收费", "维修不及时",
                 "清运不及时", "设置不合理", "遮挡视线", "线路老化", "松动", "塌陷", "开裂", "锈蚀", "断裂",
                 "冒黑烟", "排放污水", "随意倾倒垃圾", "被堵死", "长期闲置", "时好时坏", "一直未修复", "响声很大",
                 "晃动", "漏电", "跳闸", "停水", "没有信号", "网速很慢", "收费过高", "未按规定公示", "无人管理",
                 "卫生脏乱差", "私自改装", "占用消防通道", "影响通行"}};
  Zipf durations{{"已有三个月", "近一周以来", "已经半年多", "持续两个多月", "最近几天", "从去年开始", "自今年春节后",
                  "每天晚上十点以后", "每逢下雨天", "已持续一年之久", "近期", "长期以来", "从上个月开始", "这几天",
                  "连续一周", "自2024年3月起", "从2023年底开始", "每天早上六点左右", "周末尤其严重"}};
  Zipf impacts{{"给居民出行带来不便", "严重影响周边居民休息", "存在较大安全隐患", "老人小孩出行困难",
                "影响正常生活", "影响企业正常生产经营", "导致车辆无法通行", "已有行人摔倒受伤", "居民苦不堪言",
                "严重影响市容市貌", "影响学生上下学安全", "导致多户居民家中进水", "造成交通拥堵",
                "周边群众意见很大", "影响店铺正常营业"}};
  Zipf demands{{"希望相关部门尽快处理", "请求尽快派人维修", "请相关部门核实处理", "恳请有关部门协调解决",
                "要求物业公司给出合理解释", "希望尽快整改", "希望能够尽快恢复供水", "希望加强管理",
                "请求有关部门依法查处", "请尽快给予答复", "要求退还多收的费用", "要求赔偿损失", "希望安排专人负责",
                "请求帮助协调", "希望在附近增设"}};
  Zipf histories{{"此前已多次拨打12345热线反映，但问题一直未得到解决", "曾向社区居委会反映过，至今没有回复",
                  "物业公司表示不归其管理", "街道办工作人员到现场查看后再无下文", "上次维修后不到一个月又坏了",
                  "已联系过供电公司，对方称需要等待排期", "相关部门互相推诿", "开发商已经联系不上",
                  "业委会尚未成立，无人牵头处理", "已在网上留言，没有得到回复"}};
  Zipf companies{Cross({"吉安", "井冈", "庐陵", "赣中", "青原", "金庐", "鑫达", "恒通", "瑞丰", "宏远", "天成",
                        "中诚", "博雅", "华东"},
                       {"电子科技", "新材料", "生物医药", "智能装备", "食品", "建材", "物流", "光电", "通信技术",
                        "精密制造", "纺织"},
                       13)};
  Zipf company_issues{{"用电报装进度缓慢", "招工难", "融资困难", "厂区周边道路破损", "增值税留抵退税办理时间长",
                       "用地审批手续复杂", "物流成本高", "产品检测周期长", "员工子女入学难", "天然气供应不稳定",
                       "排污许可证延续办理慢", "高新技术企业认定政策不清楚"}};
  Zipf reporters{{"业主", "租户", "附近居民", "商户", "学生家长", "老人", "环卫工人", "出租车司机", "外卖骑手"}};
  // Villages: two name characters and a suffix (tens of thousands of rare names, as real place
  // names are the long tail of a casework vocabulary).
  Zipf village_chars{{"东", "西", "南", "北", "中", "上", "下", "前", "后", "大", "小", "新", "老", "长", "高",
                      "安", "平", "和", "兴", "福", "寿", "康", "宁", "泰", "丰", "盛", "华", "荣", "昌", "隆",
                      "庆", "永", "吉", "祥", "瑞", "光", "明", "山", "水", "江", "河", "湖", "溪", "泉", "石",
                      "桥", "塘", "坪", "岭", "岗", "坑", "田", "林", "竹", "松", "梅", "兰", "桂", "花", "园",
                      "家", "庄", "店", "集", "寨", "堡", "湾", "洲", "坝", "口", "头", "里", "外", "陂", "埠",
                      "垅", "圳", "背", "岸", "源", "井", "潭", "湖", "峰", "冈", "陇", "陈", "李", "王", "张",
                      "刘", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
                      "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓",
                      "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶",
                      "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚",
                      "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江"}};
  Zipf village_suffixes{{"村", "村委会", "组", "屯", "坊", "垄", "里"}};
  // Free narrative: common words of government and daily life, strung into sentences.
  Zipf narrative{{"工作", "问题", "情况", "时间", "部门", "社区", "居民", "群众", "企业", "公司", "政策", "规定",
                  "要求", "服务", "管理", "建设", "安全", "环境", "卫生", "交通", "教育", "医疗", "养老", "就业",
                  "住房", "保障", "补贴", "申请", "办理", "审批", "手续", "材料", "证明", "资格", "条件", "费用",
                  "价格", "收入", "工资", "合同", "协议", "纠纷", "矛盾", "投诉", "举报", "咨询", "建议", "意见",
                  "反馈", "回复", "处理", "解决", "落实", "整改", "检查", "监督", "执法", "处罚", "协调", "沟通",
                  "联系", "电话", "地址", "位置", "区域", "范围", "周边", "附近", "楼房", "房屋", "门店", "商铺",
                  "市场", "超市", "学校", "医院", "车站", "公园", "广场", "道路", "河流", "山林", "农村", "城市",
                  "乡镇", "村庄", "家庭", "老人", "儿童", "学生", "家长", "孩子", "父母", "邻居", "朋友", "同事",
                  "领导", "干部", "工人", "农民", "司机", "师傅", "医生", "老师", "警察", "保安", "物业", "业主",
                  "租户", "房东", "商户", "顾客", "消费者", "患者", "残疾人", "困难户", "低保户", "退役军人",
                  "务工人员", "发现", "出现", "存在", "发生", "造成", "导致", "影响", "损害", "破坏", "占用",
                  "污染", "排放", "噪声", "拖欠", "克扣", "拒绝", "推诿", "敷衍", "拖延", "延误", "取消", "停止",
                  "恢复", "维修", "更换", "安装", "拆除", "清理", "修复", "加固", "改造", "翻新", "严重", "及时",
                  "尽快", "立即", "长期", "多次", "反复", "一直", "仍然", "已经", "目前", "现在", "最近", "以前",
                  "之后", "同时", "而且", "但是", "因为", "所以", "如果", "虽然", "希望", "请求", "认为", "觉得",
                  "知道", "了解", "告诉", "表示", "答应", "承诺", "说明", "解释", "通知", "公告", "文件", "会议",
                  "记录", "照片", "视频", "证据", "损失", "赔偿", "退款", "押金", "定金", "发票", "收据", "账户",
                  "银行", "贷款", "社保", "医保", "公积金", "户口", "身份证", "驾驶证", "营业执照", "许可证",
                  "水费", "电费", "燃气费", "物业费", "停车费", "学费", "药费", "网络", "手机", "信号", "快递",
                  "外卖", "餐馆", "饭店", "宾馆", "工厂", "车间", "仓库", "工地", "农田", "果园", "鱼塘", "养殖场",
                  "垃圾", "污水", "油烟", "粉尘", "异味", "噪音", "积水", "漏水", "停电", "停水", "断网", "拥堵",
                  "事故", "火灾", "隐患", "风险", "困难", "压力", "负担", "需求", "诉求", "心愿", "帮助", "支持",
                  "关心", "重视", "满意", "不满", "失望", "焦急", "无奈", "气愤", "担心", "害怕", "晚上", "白天",
                  "早上", "中午", "下午", "凌晨", "周末", "节假日", "春节", "国庆", "今年", "去年", "上月", "本月"}};
};

const Vocabulary& Vocab() {
  static const Vocabulary v;
  return v;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string Number(Rng& rng, uint32_t max) { return std::to_string(1 + rng.Below(max)); }

std::string Village(Rng& rng) {
  const Vocabulary& v = Vocab();
  return v.village_chars.Pick(rng) + v.village_chars.Pick(rng) + v.village_suffixes.Pick(rng);
}

std::string Narrative(Rng& rng) {
  const Vocabulary& v = Vocab();
  std::string s;
  const uint32_t words = 4 + rng.Below(8);
  for (uint32_t w = 0; w < words; ++w) {
    s += v.narrative.Pick(rng);
    if (w + 1 < words && rng.Chance(25)) s += "，";
  }
  return s + "。";
}

std::string Place(Rng& rng) {
  const Vocabulary& v = Vocab();
  std::string s;
  if (rng.Chance(60)) s += v.counties.Pick(rng);
  if (rng.Chance(70)) s += v.streets.Pick(rng);
  if (rng.Chance(25)) {
    s += Village(rng);
    if (rng.Chance(40)) s += Number(rng, 12) + "组";
    return s;
  }
  if (rng.Chance(65)) {
    s += v.compounds.Pick(rng);
    if (rng.Chance(50)) {
      s += Number(rng, 30) + "栋" + Number(rng, 6) + "单元";
      if (rng.Chance(40)) s += Number(rng, 30) + "0" + Number(rng, 4) + "室";
    } else {
      s += v.spots.Pick(rng);
    }
  } else {
    s += v.roads.Pick(rng);
    if (rng.Chance(50)) s += Number(rng, 300) + "号";
    s += v.spots.Pick(rng);
  }
  return s;
}

std::string Sentence(Rng& rng) {
  const Vocabulary& v = Vocab();
  switch (rng.Below(9)) {
    case 6:
    case 7:
    case 8:
      return Narrative(rng);
    case 0:
      return v.histories.Pick(rng) + "。";
    case 1:
      return v.companies.Pick(rng) + "有限公司反映" + v.company_issues.Pick(rng) + "，" + v.demands.Pick(rng) + "。";
    case 2:
      return "另外，" + v.facilities.Pick(rng) + v.problems.Pick(rng) + "，" + v.impacts.Pick(rng) + "。";
    case 3:
      return "来电人为" + v.reporters.Pick(rng) + "，" + (rng.Chance(50) ? "要求回访。" : "联系电话已登记。");
    case 4:
      return "具体位置在" + Place(rng) + "，" + v.durations.Pick(rng) + "。";
    default:
      return "此事涉及" + Number(rng, 200) + "户居民，" + v.demands.Pick(rng) + "。";
  }
}

std::string CaseText(Rng& rng) {
  const Vocabulary& v = Vocab();
  const size_t target = 50 + rng.Below(251);
  std::string text = v.openings.Pick(rng) + Place(rng) + "的" + v.facilities.Pick(rng) + v.problems.Pick(rng) +
                     "，" + v.durations.Pick(rng) + "，" + v.impacts.Pick(rng) + "，" + v.demands.Pick(rng) + "。";
  size_t length = CodePoints(text);
  while (length < target) {
    const std::string more = Sentence(rng);
    const size_t more_length = CodePoints(more);
    if (length + more_length > 300) break;
    text += more;
    length += more_length;
  }
  if (length > 300) {  // cut on a character boundary
    size_t bytes = 0;
    for (size_t kept = 0; kept < 300; ++kept) {
      const auto c = static_cast<unsigned char>(text[bytes]);
      bytes += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    text.resize(bytes);
  }
  return text;
}

uint64_t Mix(uint64_t a, uint64_t b) {
  Rng r(a * 0x9E3779B97F4A7C15ULL ^ b);
  return r.Next();
}

}  // namespace

Corpus GenerateCorpus(const CorpusOptions& options, int threads) {
  const size_t n = static_cast<size_t>(options.documents);
  threads = std::max(1, threads);
  std::vector<std::string> arenas(static_cast<size_t>(threads));
  std::vector<std::vector<uint64_t>> lengths(static_cast<size_t>(threads));
  Corpus corpus;
  corpus.scope_keys.resize(n);
  // Scope keys: Zipf over units, drawn by inverting the continuous approximation of the CDF.
  const double log_units = std::log(static_cast<double>(options.scope_keys) + 1.0);
  auto work = [&](int t) {
    const size_t begin = n * static_cast<size_t>(t) / static_cast<size_t>(threads);
    const size_t end = n * static_cast<size_t>(t + 1) / static_cast<size_t>(threads);
    std::string& arena = arenas[static_cast<size_t>(t)];
    arena.reserve((end - begin) * 520);
    for (size_t i = begin; i < end; ++i) {
      Rng rng(Mix(options.seed, i));
      const size_t before = arena.size();
      arena += CaseText(rng);
      lengths[static_cast<size_t>(t)].push_back(arena.size() - before);
      const double u = rng.Unit();
      corpus.scope_keys[i] = std::min(options.scope_keys - 1, static_cast<uint32_t>(std::exp(u * log_units) - 1.0));
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(work, t);
  work(0);
  for (auto& w : workers) w.join();
  size_t total = 0;
  for (const auto& a : arenas) total += a.size();
  corpus.arena.reserve(total);
  corpus.offsets.reserve(n + 1);
  corpus.offsets.push_back(0);
  for (size_t t = 0; t < arenas.size(); ++t) {
    corpus.arena += arenas[t];
    arenas[t] = std::string();
    for (uint64_t length : lengths[t]) corpus.offsets.push_back(corpus.offsets.back() + length);
  }
  return corpus;
}

std::vector<std::string> CandidateWords() {
  const Vocabulary& v = Vocab();
  std::set<std::string> words;
  auto add_pieces = [&](const std::string& word) {
    // Split into code points; keep runs of Chinese characters only.
    std::vector<std::string> chars;
    for (size_t i = 0; i < word.size();) {
      const auto c = static_cast<unsigned char>(word[i]);
      const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      chars.push_back(word.substr(i, len));
      i += len;
    }
    for (size_t start = 0; start < chars.size(); ++start) {
      std::string piece;
      for (size_t k = start; k < chars.size() && k < start + 4; ++k) {
        if (chars[k].size() != 3 || chars[k] == "，" || chars[k] == "。" || chars[k] == "：") break;
        piece += chars[k];
        if (k > start) words.insert(piece);
      }
    }
  };
  for (const Zipf* z : {&v.openings, &v.counties, &v.streets, &v.compounds, &v.roads, &v.spots, &v.facilities,
                        &v.problems, &v.durations, &v.impacts, &v.demands, &v.histories, &v.companies,
                        &v.company_issues, &v.reporters, &v.narrative}) {
    for (const auto& w : z->words()) add_pieces(w);
  }
  return {words.begin(), words.end()};
}

}  // namespace lz::bench
