// What the Shanghai demo operator sells and where its machines stand. Plain data; prices in fen
// (¥1 = 100 fen), including 13 % VAT; coordinates WGS 84.
import "server-only";

import { drink, fresh, snack, type DemoLocation, type DemoProduct } from "./catalog-data";

export const shanghaiProducts: DemoProduct[] = [
  drink("CN-DRK-NFSQ-550", "农夫山泉 饮用天然水 550ml", "饮用水", 200, 80, 10, 14, ["sport"]),
  drink("CN-DRK-CRBAO-555", "怡宝 纯净水 555ml", "饮用水", 200, 75, 7, 14, ["sport"]),
  drink("CN-DRK-COKE-330", "可口可乐 330ml 罐装", "碳酸饮料", 300, 130, 8, 15, ["kids"]),
  drink("CN-DRK-COKE-500", "可口可乐 500ml", "碳酸饮料", 350, 150, 6),
  drink("CN-DRK-SPRITE-500", "雪碧 500ml", "碳酸饮料", 350, 150, 5, 12, ["kids"]),
  drink("CN-DRK-YQSL-480", "元气森林 白桃味苏打气泡水 480ml", "气泡水", 550, 260, 7),
  drink("CN-DRK-KSF-HCHA-500", "康师傅 冰红茶 500ml", "茶饮料", 350, 140, 7, 12, ["kids"]),
  drink("CN-DRK-DFSY-500", "东方树叶 茉莉花茶 500ml", "茶饮料", 550, 250, 5),
  drink("CN-DRK-TY-LVCHA-500", "统一 绿茶 500ml", "茶饮料", 350, 140, 4),
  drink("CN-DRK-WLJ-310", "王老吉 凉茶 310ml", "凉茶", 450, 200, 4, 15),
  drink("CN-DRK-REDBULL-250", "红牛 维生素功能饮料 250ml", "功能饮料", 650, 360, 5, 18, ["energy"]),
  drink("CN-DRK-DONGPENG-500", "东鹏特饮 500ml", "功能饮料", 550, 270, 3, 12, ["energy"]),
  drink("CN-DRK-MAIDONG-600", "脉动 青柠味 600ml", "功能饮料", 500, 230, 5, 12, ["sport"]),
  drink("CN-DRK-POCARI-500", "宝矿力水特 500ml", "功能饮料", 600, 290, 2, 12, ["sport"]),
  drink("CN-DRK-NESCAFE-268", "雀巢咖啡 丝滑拿铁 268ml", "咖啡", 600, 290, 4, 15, ["coffee"]),
  drink("CN-DRK-STARBUCKS-281", "星巴克 星冰乐 摩卡 281ml", "咖啡", 800, 430, 2, 12, ["coffee"]),
  drink("CN-DRK-WAHAHA-AD-220", "娃哈哈 AD钙奶 220g", "乳饮料", 300, 120, 3, 15, ["kids"]),
  drink("CN-DRK-MENGNIU-250", "蒙牛 纯牛奶 250ml", "乳饮料", 400, 190, 3, 15, ["kids"]),
  drink("CN-DRK-NFGY-500", "农夫果园 30%混合果蔬汁 500ml", "果汁", 500, 230, 3, 12, ["kids"]),

  snack("CN-SNK-LAYS-YW-70", "乐事 薯片 原味 70g", "膨化食品", 650, 320, 7, 8, ["kids"]),
  snack("CN-SNK-LAYS-HG-70", "乐事 薯片 黄瓜味 70g", "膨化食品", 650, 320, 6, 8, ["kids"]),
  snack("CN-SNK-WANGWANG-84", "旺旺 雪饼 84g", "膨化食品", 500, 230, 3, 10, ["kids"]),
  snack("CN-SNK-OREO-97", "奥利奥 夹心饼干 原味 97g", "饼干", 600, 290, 6, 12, ["kids"]),
  snack("CN-SNK-HAOLIYOU-2P", "好丽友 巧克力派 2枚装", "糕点", 500, 230, 4, 12, ["kids"]),
  snack("CN-SNK-DOVE-43", "德芙 丝滑牛奶巧克力 43g", "巧克力", 800, 400, 5, 15),
  snack("CN-SNK-SNICKERS-51", "士力架 花生夹心巧克力 51g", "巧克力", 600, 290, 6, 15, ["sport"]),
  snack("CN-SNK-WEILONG-65", "卫龙 大面筋 65g", "辣条", 350, 150, 7, 12, ["kids"]),
  snack("CN-SNK-3SQ-NUTS-25", "三只松鼠 每日坚果 25g", "坚果", 600, 300, 3, 12, ["sport"]),
  snack("CN-SNK-QIAQIA-108", "洽洽 香瓜子 108g", "坚果", 600, 290, 2, 12),
  snack("CN-SNK-YOUYOU-100", "有友 泡椒凤爪 100g", "卤味", 800, 390, 3, 10),
  snack("CN-SNK-SHUANGHUI-60", "双汇 王中王 火腿肠 60g", "肉制品", 300, 130, 3, 15, ["meal"]),
  snack("CN-SNK-YIDA-XYL", "益达 木糖醇口香糖 5片装", "糖果", 500, 220, 3, 20),
  snack("CN-SNK-TAOLI-150", "桃李 醇熟切片面包 150g", "面包", 600, 300, 3, 8, ["coffee", "meal"]),
  snack("CN-SNK-TY-LTSC-BOWL", "统一 老坛酸菜牛肉面 桶装", "方便面", 600, 290, 5, 8, ["meal"]),
  snack("CN-SNK-KSF-HSNR-BOWL", "康师傅 红烧牛肉面 桶装", "方便面", 600, 290, 5, 8, ["meal"]),

  fresh("CN-FRS-ONIGIRI-TUNA", "金枪鱼蛋黄酱 饭团", "饭团", 800, 380, 5, 6, ["meal"]),
  fresh("CN-FRS-SANDWICH-HAM", "火腿芝士 三明治", "三明治", 1000, 480, 4, 6, ["meal", "coffee"]),
  fresh("CN-FRS-BENTO-GBJD", "宫保鸡丁 便当", "便当", 1600, 820, 5, 6, ["meal"]),
  fresh("CN-FRS-BENTO-HSR", "红烧肉 便当", "便当", 1800, 930, 4, 6, ["meal"]),
  fresh("CN-FRS-SALAD-CHICKEN", "鸡胸肉 蔬菜沙拉", "沙拉", 1500, 720, 2, 5, ["meal", "sport"]),
  fresh("CN-FRS-BRIGHT-YOGURT", "光明 如实 原味酸奶 135g", "酸奶", 700, 330, 3, 8),
  fresh("CN-FRS-FRUIT-CUP", "鲜切水果杯 西瓜哈密瓜", "水果", 1000, 480, 3, 6, ["sport"]),
  fresh("CN-FRS-BAOZI-2", "鲜肉大包 2个装", "包点", 600, 260, 4, 8, ["meal", "coffee"]),
];

export const shanghaiLocations: DemoLocation[] = [
  { key: "LJZ", short: "陆家嘴", name: "陆家嘴金融中心 办公楼 大堂", address: "上海市浦东新区陆家嘴环路 1000 号", latitude: 31.2362, longitude: 121.5038, kind: "office", machines: ["drinks", "combo", "fresh"] },
  { key: "XJH", short: "徐家汇站", name: "徐家汇地铁站 2号口", address: "上海市徐汇区漕溪北路 徐家汇地铁站 2 号出口", latitude: 31.195, longitude: 121.437, kind: "station", machines: ["drinks", "drinks", "snacks"] },
  { key: "RMG", short: "人民广场站", name: "人民广场地铁站 换乘大厅", address: "上海市黄浦区人民大道 人民广场地铁站", latitude: 31.2328, longitude: 121.4752, kind: "station", machines: ["drinks", "snacks"] },
  { key: "HQZ", short: "虹桥站", name: "虹桥火车站 候车大厅", address: "上海市闵行区申贵路 1500 号", latitude: 31.1945, longitude: 121.3203, kind: "station", machines: ["drinks", "snacks", "combo"] },
  { key: "PVG", short: "浦东机场 T2", name: "浦东国际机场 T2 出发层", address: "上海市浦东新区迎宾大道 6000 号", latitude: 31.152, longitude: 121.805, kind: "airport", machines: ["drinks", "combo", "fresh"] },
  { key: "ZJ", short: "张江", name: "张江科学城 食堂", address: "上海市浦东新区科苑路 399 号", latitude: 31.205, longitude: 121.59, kind: "office", machines: ["combo", "snacks", "fresh"] },
  { key: "FDU", short: "复旦 邯郸", name: "复旦大学 邯郸校区 宿舍楼", address: "上海市杨浦区邯郸路 220 号", latitude: 31.2985, longitude: 121.503, kind: "university", machines: ["drinks", "snacks", "combo"] },
  { key: "RJ", short: "瑞金医院", name: "瑞金医院 门诊大楼", address: "上海市黄浦区瑞金二路 197 号", latitude: 31.2113, longitude: 121.4688, kind: "hospital", machines: ["drinks", "snacks"] },
  { key: "JA", short: "静安健身", name: "静安 健身中心", address: "上海市静安区南京西路 1266 号", latitude: 31.224, longitude: 121.448, kind: "gym", machines: ["drinks", "snacks"] },
  { key: "WT", short: "外滩酒店", name: "外滩 江景酒店 大堂", address: "上海市黄浦区中山东一路 20 号", latitude: 31.2405, longitude: 121.4905, kind: "hotel", machines: ["combo"] },
  { key: "SJ", short: "松江工业区", name: "松江工业区 电子厂 休息区", address: "上海市松江区荣乐东路 1000 号", latitude: 31.033, longitude: 121.226, kind: "factory", machines: ["combo", "snacks"] },
];
