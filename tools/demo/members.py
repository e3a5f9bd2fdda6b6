"""Member units (成员单位) of the two demo alliances.

Place names are real (Quzhou's six counties, Henan's cities and sights); the
businesses, addresses and phone numbers are written for the demo. Prices are
union group rates in fen and vary a little per member (derived from the id, so
re-running the script gives the same file).
"""

import zlib

QUZHOU = "a-quzhou"
HENAN = "a-henan"

QUZHOU_FOUNDED = "2026-04-10"   # 衢州市职工疗休养联盟成立大会 (首批成员)
HENAN_FOUNDED = "2026-04-08"    # 河南省工会系统疗休养机构联盟成立

ALLIANCES = [
    {"id": QUZHOU, "name": "衢州市职工疗休养联盟", "region": "浙江·衢州"},
    {"id": HENAN, "name": "河南省工会系统疗休养机构联盟", "region": "河南"},
]


def _hash(text):
    return zlib.crc32(text.encode("utf-8"))


# Landline prefixes: Quzhou numbers have 7 digits, the first one by county;
# Henan numbers have 8 digits.
_PHONE = {
    "柯城区": ("0570", "3"), "衢江区": ("0570", "8"), "龙游县": ("0570", "7"),
    "江山市": ("0570", "4"), "常山县": ("0570", "5"), "开化县": ("0570", "6"),
    "临安区": ("0571", "63"),
    "金水区": ("0371", "6"), "二七区": ("0371", "6"), "中原区": ("0371", "6"),
    "郑东新区": ("0371", "5"), "龙亭区": ("0371", "2"), "鼓楼区": ("0371", "2"),
    "顺河回族区": ("0371", "2"), "兰考县": ("0371", "2"), "洛龙区": ("0379", "6"),
    "西工区": ("0379", "6"), "老城区": ("0379", "6"), "汝州市": ("0375", "6"),
    "卧龙区": ("0377", "6"), "林州市": ("0372", "6"),
}


def phone_for(member_id, county):
    area, lead = _PHONE[county]
    digits = 7 if area in ("0570",) else 8
    rest = str(_hash(member_id) % 10 ** (digits - len(lead))).zfill(digits - len(lead))
    return f"{area}-{lead}{rest}"


def _vary(member_id, base, spread_percent=15, step=500):
    """A price near `base` (fen), rounded to `step`, stable per member."""
    h = _hash(member_id + str(base))
    delta = (h % (2 * spread_percent + 1)) - spread_percent
    price = base * (100 + delta) // 100
    return max(0, (price + step // 2) // step * step)


def _services(member_id, kind):
    v = lambda base, step=500: _vary(member_id, base, step=step)
    if kind == "hotel":
        return [("标准间（双人）", v(32000), "人/晚"), ("单人间", v(46000), "间/晚"),
                ("自助早餐", v(4000), "人/次"), ("团队会议室", v(120000, 1000), "场/半天")]
    if kind == "resort":
        return [("山景标准间", v(38000), "人/晚"), ("自助早餐", v(4800), "人/次"),
                ("森林步道导览", v(3000), "人/次")]
    if kind == "homestay":
        return [("民宿标间", v(18000), "人/晚"), ("农家早餐", v(2000), "人/次"),
                ("农家团餐", v(6000), "人/餐")]
    if kind == "restaurant":
        return [("职工团餐（十人桌）", v(60000, 1000), "桌"), ("地方特色宴", v(138000, 1000), "桌"),
                ("简餐", v(3500), "人/餐")]
    if kind == "scenic":
        return [("团队门票", v(7000), "人/次"), ("讲解服务", v(20000, 1000), "团/次"),
                ("景区观光车", v(2000), "人/次")]
    if kind == "heritage":
        return [("参观讲解", v(15000, 1000), "团/次"), ("非遗手作体验", v(6000), "人/次")]
    if kind == "red":
        return [("免费参观", 0, "人/次"), ("现场教学（含讲解）", v(5000), "人/次"),
                ("重温入党誓词仪式", v(30000, 1000), "团/次")]
    if kind == "rural":
        return [("采摘体验", v(5000), "人/次"), ("农事体验课", v(4000), "人/次")]
    if kind == "tcm":
        return [("中医体质辨识", v(8000), "人/次"), ("艾灸理疗", v(12000), "人/次"),
                ("推拿按摩", v(15000), "人/次"), ("八段锦教学", v(3000), "人/次")]
    if kind == "spa":
        return [("温泉理疗", v(16800, 100), "人/次"), ("药浴", v(12000), "人/次"),
                ("足疗", v(9000), "人/次")]
    if kind == "forest":
        return [("森林康养课程", v(9000), "人/次"), ("健康讲座", v(40000, 1000), "场"),
                ("太极拳教学", v(3000), "人/次")]
    if kind == "sanatorium":
        return [("疗养床位（含三餐）", v(36000), "人/天"), ("职工健康体检套餐", v(48000), "人/次"),
                ("中医理疗", v(12000), "人/次"), ("康复评估", v(20000), "人/次")]
    if kind == "checkup":
        return [("职工健康体检套餐", v(52000), "人/次"), ("体检报告解读", v(5000), "人/次")]
    if kind == "coach":
        return [("49座旅游大巴", v(160000, 1000), "车/天"), ("33座中巴", v(110000, 1000), "车/天"),
                ("接送站", v(40000, 1000), "车/次")]
    if kind == "agency":
        return [("线路组织服务", v(3000), "人/天"), ("全程导游", v(50000, 1000), "团/天"),
                ("行程定制", v(100000, 1000), "团/次")]
    if kind == "insurance":
        return [("疗休养团队意外险", v(600, 100), "人/天"), ("旅行综合保障计划", v(2500, 100), "人/次")]
    if kind == "guide":
        return [("持证讲解员", v(40000, 1000), "人/天"), ("应急医疗随队", v(60000, 1000), "人/天")]
    raise ValueError(kind)


# (slug, category, kind, name, county, address)
# city is derived from the county for Quzhou; Henan entries name the city.
_QUZHOU = [
    # ---- 核心接待类: hotels
    ("hotel-guoji", "reception", "hotel", "衢州国际大酒店", "柯城区", "柯城区新桥街101号"),
    ("hotel-nankong", "reception", "hotel", "衢州南孔宾馆", "柯城区", "柯城区府山街道县学街18号"),
    ("hotel-shuitingmen", "reception", "hotel", "衢州水亭门花园酒店", "柯城区", "柯城区水亭街88号"),
    ("hotel-hehua", "reception", "hotel", "衢州荷花职工之家酒店", "柯城区", "柯城区荷花中路126号"),
    ("hotel-jiuhua", "reception", "resort", "九华山居度假酒店", "柯城区", "柯城区九华乡妙源村上山路9号"),
    ("hotel-qujiang", "reception", "hotel", "衢江江滨酒店", "衢江区", "衢江区樟潭街道江滨路66号"),
    ("hotel-wuxijiang", "reception", "resort", "乌溪江湖畔度假酒店", "衢江区", "衢江区湖南镇湖南村湖滨路2号"),
    ("hotel-yaowangshan", "reception", "resort", "药王山森林酒店", "衢江区", "衢江区举村乡药王山景区内"),
    ("hotel-longyou", "reception", "hotel", "龙游荣昌大酒店", "龙游县", "龙游县龙洲街道荣昌路208号"),
    ("hotel-shiku", "reception", "resort", "龙游石窟度假酒店", "龙游县", "龙游县小南海镇石窟路1号"),
    ("hotel-jiangshan", "reception", "hotel", "江山鹿溪宾馆", "江山市", "江山市虎山街道鹿溪南路99号"),
    ("hotel-jianglang", "reception", "resort", "江郎山山居酒店", "江山市", "江山市石门镇江郎山景区游客中心旁"),
    ("hotel-28du", "reception", "hotel", "廿八都古镇客栈", "江山市", "江山市廿八都镇枫溪街36号"),
    ("hotel-changshan", "reception", "hotel", "常山定阳宾馆", "常山县", "常山县天马街道定阳北路55号"),
    ("hotel-shilin", "reception", "resort", "三衢石林度假酒店", "常山县", "常山县青石镇三衢石林景区北门"),
    ("hotel-kaihua", "reception", "hotel", "开化芹阳大酒店", "开化县", "开化县芹阳办事处芹阳北路18号"),
    ("hotel-qianjiangyuan", "reception", "resort", "钱江源森林客栈", "开化县", "开化县齐溪镇齐溪村源头路5号"),
    ("hotel-genggong", "reception", "hotel", "根宫佛国文化度假酒店", "开化县", "开化县华埠镇根宫佛国景区东侧"),
    ("hotel-lingjiu", "reception", "resort", "灵鹫山森林度假村", "柯城区", "柯城区石梁镇灵鹫山国家森林公园内"),
    ("hotel-hejia", "reception", "hotel", "衢州禾嘉商务酒店", "柯城区", "柯城区花园东大道199号"),
    # ---- 核心接待类: homestays (民宿)
    ("bnb-yudong", "reception", "homestay", "余东农民画民宿", "柯城区", "柯城区沟溪乡余东村画家巷12号"),
    ("bnb-qili", "reception", "homestay", "七里乡云上民宿", "柯城区", "柯城区七里乡桃源村云上路8号"),
    ("bnb-miaoyuan", "reception", "homestay", "妙源节气民宿", "柯城区", "柯城区九华乡妙源村梧桐祖殿东侧"),
    ("bnb-poshi", "reception", "homestay", "乌溪江渔家民宿", "衢江区", "衢江区湖南镇破石村渔港路3号"),
    ("bnb-lianhua", "reception", "homestay", "莲花田园民宿", "衢江区", "衢江区莲花镇西山下村田园路21号"),
    ("bnb-xikou", "reception", "homestay", "溪口竹海民宿", "龙游县", "龙游县溪口镇溪口老街68号"),
    ("bnb-muchen", "reception", "homestay", "沐尘畲乡民宿", "龙游县", "龙游县沐尘畲族乡沐尘村畲家路5号"),
    ("bnb-qingyang", "reception", "homestay", "清漾书香民宿", "江山市", "江山市石门镇清漾村清漾路17号"),
    ("bnb-xianxia", "reception", "homestay", "仙霞关山居", "江山市", "江山市保安乡仙霞关景区入口"),
    ("bnb-dachen", "reception", "homestay", "大陈村歌民宿", "江山市", "江山市大陈乡大陈村汪氏宗祠旁"),
    ("bnb-huyou", "reception", "homestay", "胡柚园民宿", "常山县", "常山县青石镇飞碓村胡柚园2号"),
    ("bnb-jinyuan", "reception", "homestay", "金源山居", "常山县", "常山县东案乡金源村山背12号"),
    ("bnb-xiayu", "reception", "homestay", "下淤村滨水民宿", "开化县", "开化县音坑乡下淤村马金溪畔"),
    ("bnb-taihui", "reception", "homestay", "台回山梯田民宿", "开化县", "开化县马金镇高合村台回山自然村"),
    ("bnb-xiashan", "reception", "homestay", "霞山古村民宿", "开化县", "开化县马金镇霞山村郑氏宗祠后巷"),
    # ---- 核心接待类: restaurants
    ("food-shuiting", "reception", "restaurant", "水亭门衢菜馆", "柯城区", "柯城区水亭街52号"),
    ("food-santou", "reception", "restaurant", "衢州三头一掌风味馆", "柯城区", "柯城区坊门街20号"),
    ("food-nankong", "reception", "restaurant", "南孔职工餐厅", "柯城区", "柯城区上营街31号"),
    ("food-qujiang", "reception", "restaurant", "衢江土菜馆", "衢江区", "衢江区樟潭街道振兴东路118号"),
    ("food-yutou", "reception", "restaurant", "乌溪江鱼头馆", "衢江区", "衢江区湖南镇湖南村湖滨路9号"),
    ("food-fagao", "reception", "restaurant", "龙游发糕小吃坊", "龙游县", "龙游县龙洲街道太平路42号"),
    ("food-doufu", "reception", "restaurant", "廿八都豆腐宴", "江山市", "江山市廿八都镇浔里街11号"),
    ("food-jianglang", "reception", "restaurant", "江郎山农家菜馆", "江山市", "江山市石门镇江郎村38号"),
    ("food-huyouyan", "reception", "restaurant", "常山胡柚宴", "常山县", "常山县天马街道紫港路77号"),
    ("food-gongmian", "reception", "restaurant", "常山贡面馆", "常山县", "常山县招贤镇古县街6号"),
    ("food-qingshuiyu", "reception", "restaurant", "开化清水鱼餐馆", "开化县", "开化县齐溪镇仁宗坑村8号"),
    ("food-qigao", "reception", "restaurant", "开化气糕铺", "开化县", "开化县芹阳办事处解放街23号"),
    # ---- 资源体验类: scenic, heritage, red, rural
    ("kongshi", "experience", "heritage", "孔氏南宗家庙", "柯城区", "柯城区府山街道新桥街91号"),
    ("gucheng", "experience", "heritage", "衢州古城·水亭门历史文化街区", "柯城区", "柯城区水亭街1号"),
    ("chengqiang", "experience", "heritage", "衢州府城墙", "柯城区", "柯城区北门街大南门"),
    ("lichunji", "experience", "heritage", "九华立春祭·梧桐祖殿", "柯城区", "柯城区九华乡妙源村"),
    ("yudong", "experience", "rural", "余东农民画村", "柯城区", "柯城区沟溪乡余东村"),
    ("lingjiu", "experience", "scenic", "灵鹫山国家森林公园", "柯城区", "柯城区石梁镇灵鹫山"),
    ("museum", "experience", "heritage", "衢州市博物馆", "柯城区", "柯城区荷花中路2号"),
    ("wuju", "experience", "heritage", "衢州婺剧传习所", "柯城区", "柯城区天宁巷8号"),
    ("martyrs", "experience", "red", "衢州市革命烈士纪念馆", "柯城区", "柯城区烈士陵园路1号"),
    ("red-base", "experience", "red", "衢州市职工红色教育基地", "柯城区", "柯城区白云中大道268号"),
    ("qili", "experience", "rural", "七里乡高山避暑村", "柯城区", "柯城区七里乡"),
    ("wuxijiang", "experience", "scenic", "乌溪江国家湿地公园", "衢江区", "衢江区湖南镇"),
    ("yaowangshan", "experience", "scenic", "药王山景区", "衢江区", "衢江区举村乡"),
    ("tianji", "experience", "scenic", "天脊龙门景区", "衢江区", "衢江区黄坛口乡"),
    ("lianhua", "experience", "rural", "莲花现代农业园区", "衢江区", "衢江区莲花镇"),
    ("duze", "experience", "heritage", "杜泽古镇", "衢江区", "衢江区杜泽镇"),
    ("shiku", "experience", "scenic", "龙游石窟", "龙游县", "龙游县小南海镇石岩背村"),
    ("minjuyuan", "experience", "heritage", "龙游民居苑", "龙游县", "龙游县龙洲街道鸡鸣山"),
    ("xikou", "experience", "rural", "溪口竹海老街", "龙游县", "龙游县溪口镇"),
    ("muchen", "experience", "heritage", "沐尘畲族风情村", "龙游县", "龙游县沐尘畲族乡"),
    ("longyou-red", "experience", "red", "龙游县革命历史纪念馆", "龙游县", "龙游县东华街道龙翔路16号"),
    ("jianglangshan", "experience", "scenic", "江郎山", "江山市", "江山市石门镇江郎山景区"),
    ("28du", "experience", "heritage", "廿八都古镇", "江山市", "江山市廿八都镇"),
    ("xianxiaguan", "experience", "scenic", "仙霞关", "江山市", "江山市保安乡"),
    ("qingyang", "experience", "red", "清漾毛氏文化村", "江山市", "江山市石门镇清漾村"),
    ("dachen", "experience", "rural", "大陈村", "江山市", "江山市大陈乡大陈村"),
    ("shilin", "experience", "scenic", "三衢石林", "常山县", "常山县青石镇"),
    ("shangshi", "experience", "heritage", "常山赏石小镇", "常山县", "常山县青石镇砚瓦山村"),
    ("hecai", "experience", "heritage", "常山喝彩歌谣传习馆", "常山县", "常山县同弓乡彤弓山村"),
    ("huyou-base", "experience", "rural", "常山胡柚采摘基地", "常山县", "常山县青石镇飞碓村"),
    ("qianjiangyuan", "experience", "scenic", "钱江源国家公园", "开化县", "开化县齐溪镇"),
    ("genggong", "experience", "heritage", "根宫佛国文化旅游区", "开化县", "开化县华埠镇"),
    ("gutianshan", "experience", "scenic", "古田山国家级自然保护区", "开化县", "开化县苏庄镇"),
    ("taihuishan", "experience", "rural", "台回山梯田", "开化县", "开化县马金镇高合村"),
    ("caolong", "experience", "heritage", "开化香火草龙传习所", "开化县", "开化县苏庄镇苏庄村"),
    ("tewei", "experience", "red", "浙皖特委机关旧址纪念馆", "开化县", "开化县苏庄镇横中村"),
    ("longding", "experience", "rural", "开化龙顶茶园", "开化县", "开化县林山乡"),
    ("xiagu", "experience", "scenic", "浙西大峡谷（跨区域协作景区）", "临安区", "杭州市临安区龙岗镇浙西大峡谷景区"),
    # ---- 康养服务类: TCM, hot springs, sanatoriums, forest wellness
    ("tcm-city", "wellness", "tcm", "衢州市中医医院治未病中心", "柯城区", "柯城区坊门街117号"),
    ("tcm-nankong", "wellness", "tcm", "南孔中医馆", "柯城区", "柯城区上街156号"),
    ("sanatorium", "wellness", "sanatorium", "衢州市职工疗养院", "柯城区", "柯城区石梁镇灵鹫山路3号"),
    ("checkup", "wellness", "checkup", "衢州职工健康管理中心", "柯城区", "柯城区钟楼底路50号"),
    ("taiji", "wellness", "forest", "九华太极康体园", "柯城区", "柯城区九华乡妙源村康体路1号"),
    ("forest-wuxijiang", "wellness", "forest", "乌溪江森林康养基地", "衢江区", "衢江区湖南镇蛟垄村"),
    ("herb-yaowang", "wellness", "tcm", "药王山中医药康养园", "衢江区", "衢江区举村乡洋坑村"),
    ("spa-qujiang", "wellness", "spa", "衢江汤泉养生馆", "衢江区", "衢江区樟潭街道江滨路80号"),
    ("tcm-longyou", "wellness", "tcm", "龙游县中医康养馆", "龙游县", "龙游县龙洲街道兴龙北路39号"),
    ("forest-xikou", "wellness", "forest", "溪口竹林康养园", "龙游县", "龙游县溪口镇灵山村"),
    ("spa-jianglang", "wellness", "spa", "江郎山森林温泉康养中心", "江山市", "江山市石门镇江郎山景区南侧"),
    ("tcm-jiangshan", "wellness", "tcm", "江山市中医院康复理疗中心", "江山市", "江山市双塔街道中山路66号"),
    ("forest-xianxia", "wellness", "forest", "仙霞岭森林氧吧", "江山市", "江山市廿八都镇仙霞岭古道口"),
    ("tcm-changshan", "wellness", "tcm", "常山艾灸养生堂", "常山县", "常山县天马街道人民路63号"),
    ("spa-changshan", "wellness", "spa", "三衢山温泉理疗馆", "常山县", "常山县青石镇三衢路18号"),
    ("forest-qianjiangyuan", "wellness", "forest", "钱江源森林康养中心", "开化县", "开化县齐溪镇里秧田村"),
    ("tcm-kaihua", "wellness", "tcm", "开化县中医院康养部", "开化县", "开化县芹阳办事处江滨北路2号"),
    ("tea-wellness", "wellness", "forest", "龙顶茶养生堂", "开化县", "开化县林山乡林山村"),
    ("sanatorium-kaihua", "wellness", "sanatorium", "开化职工休养中心", "开化县", "开化县华埠镇华锋路28号"),
    ("spa-kaihua", "wellness", "spa", "根宫汤泉", "开化县", "开化县华埠镇根宫佛国景区东侧"),
    # ---- 配套保障类: transport, travel agencies, insurance, guides
    ("coach-city", "support", "coach", "衢州交运集团旅游客运分公司", "柯城区", "柯城区百汇北路500号"),
    ("coach-qujiang", "support", "coach", "衢江区旅游客运有限公司", "衢江区", "衢江区樟潭街道东迹大道18号"),
    ("coach-longyou", "support", "coach", "龙游县汽车运输有限公司", "龙游县", "龙游县龙洲街道龙翔路120号"),
    ("coach-jiangshan", "support", "coach", "江山市旅游客运有限公司", "江山市", "江山市虎山街道江东大道260号"),
    ("coach-changshan", "support", "coach", "常山县客运有限公司", "常山县", "常山县天马街道常山港路8号"),
    ("coach-kaihua", "support", "coach", "开化县旅游客运有限公司", "开化县", "开化县芹阳办事处城北路99号"),
    ("agency-guolv", "support", "agency", "衢州国际旅行社", "柯城区", "柯城区三衢路108号"),
    ("agency-zhonglv", "support", "agency", "衢州中国旅行社", "柯城区", "柯城区上街68号"),
    ("agency-kanghui", "support", "agency", "衢州康辉旅行社", "柯城区", "柯城区荷花东路36号"),
    ("agency-gonghui", "support", "agency", "衢工疗休养服务中心", "柯城区", "柯城区劳动路25号衢州市工人文化宫二楼"),
    ("agency-longyou", "support", "agency", "龙游县春风旅行社", "龙游县", "龙游县龙洲街道荣昌路66号"),
    ("agency-jiangshan", "support", "agency", "江山市江郎旅行社", "江山市", "江山市双塔街道城中路12号"),
    ("agency-kaihua", "support", "agency", "开化钱江源旅行社", "开化县", "开化县芹阳办事处解放街88号"),
    ("agency-changshan", "support", "agency", "常山三衢旅行社", "常山县", "常山县天马街道定阳北路16号"),
    ("ins-renbao", "support", "insurance", "人保财险衢州市分公司", "柯城区", "柯城区新桥街46号"),
    ("ins-taiping", "support", "insurance", "太平洋产险衢州中心支公司", "柯城区", "柯城区白云南大道88号"),
    ("ins-shouxian", "support", "insurance", "中国人寿衢州分公司", "柯城区", "柯城区荷花中路33号"),
    ("guide-center", "support", "guide", "衢州市导游服务中心", "柯城区", "柯城区水亭街2号"),
    ("guide-medical", "support", "guide", "衢州市急救中心旅游医疗保障队", "柯城区", "柯城区信安路3号"),
    ("coach-bus", "support", "coach", "衢州市公共交通集团定制客运部", "柯城区", "柯城区世纪大道755号"),
]

# Members the secretariat suspended or removed (动态管理): (slug, status, since).
# No route uses them.
_QUZHOU_STATUS = {
    "hotel-hejia": ("suspended", "2026-10-15"),      # 整改期间暂停接待
    "bnb-jinyuan": ("suspended", "2026-11-02"),
    "agency-changshan": ("exited", "2026-09-30"),
    "food-gongmian": ("exited", "2026-08-31"),
}

# Members admitted after the founding batch: slug -> admitted.
_QUZHOU_LATER = {
    "xiagu": "2026-06-18", "spa-kaihua": "2026-06-18", "tea-wellness": "2026-09-05",
    "coach-bus": "2026-09-05", "bnb-xiashan": "2026-09-05", "longding": "2026-10-20",
    "guide-medical": "2026-10-20",
}

# (slug, category, kind, name, city, county, address)
_HENAN = [
    # the five founding institutions named in the article
    ("zz-sanatorium", "wellness", "sanatorium", "河南省郑州市工人疗养院", "郑州", "金水区", "郑州市金水区丰产路工人疗养院路1号"),
    ("kf-sanatorium", "wellness", "sanatorium", "开封市工人疗养院", "开封", "龙亭区", "开封市龙亭区西门大街128号"),
    ("lm-sanatorium", "wellness", "sanatorium", "河南省工人龙门疗养院", "洛阳", "洛龙区", "洛阳市洛龙区龙门镇龙门大道西侧"),
    ("wq-sanatorium", "wellness", "spa", "河南省工人温泉疗养院", "平顶山", "汝州市", "汝州市温泉镇温泉街1号"),
    ("service-co", "support", "agency", "河南职工疗养服务有限公司", "郑州", "金水区", "郑州市金水区经三路劳动大厦6楼"),
    # reception
    ("hotel-zz-union", "reception", "hotel", "郑州职工之家酒店", "郑州", "金水区", "郑州市金水区花园路118号"),
    ("hotel-zz-erqi", "reception", "hotel", "郑州二七商务酒店", "郑州", "二七区", "郑州市二七区大学路56号"),
    ("hotel-kf-songdu", "reception", "hotel", "开封宋都宾馆", "开封", "鼓楼区", "开封市鼓楼区中山路中段66号"),
    ("hotel-kf-qingming", "reception", "resort", "清明上河园景区酒店", "开封", "龙亭区", "开封市龙亭区龙亭西路5号"),
    ("hotel-ly-longmen", "reception", "resort", "龙门山庄酒店", "洛阳", "洛龙区", "洛阳市洛龙区龙门镇龙门大道88号"),
    ("hotel-ly-city", "reception", "hotel", "洛阳牡丹大酒店", "洛阳", "西工区", "洛阳市西工区中州中路239号"),
    ("hotel-rz-wenquan", "reception", "resort", "汝州温泉度假酒店", "平顶山", "汝州市", "汝州市温泉镇汝河路18号"),
    ("hotel-lk-union", "reception", "hotel", "兰考职工之家宾馆", "开封", "兰考县", "兰考县城关镇裕禄大道102号"),
    ("food-zz-huimian", "reception", "restaurant", "郑州老烩面馆", "郑州", "二七区", "郑州市二七区德化街17号"),
    ("food-kf-night", "reception", "restaurant", "开封鼓楼宋味餐厅", "开封", "鼓楼区", "开封市鼓楼区书店街32号"),
    ("food-ly-shuixi", "reception", "restaurant", "洛阳水席园", "洛阳", "老城区", "洛阳市老城区中州东路民主街口"),
    ("food-rz-farm", "reception", "restaurant", "汝州温泉农家宴", "平顶山", "汝州市", "汝州市温泉镇朝川村"),
    ("food-lk-canteen", "reception", "restaurant", "兰考焦桐职工餐厅", "开封", "兰考县", "兰考县城关镇中山街20号"),
    # experience
    ("museum-henan", "experience", "heritage", "河南博物院", "郑州", "金水区", "郑州市金水区农业路8号"),
    ("erqi-tower", "experience", "red", "二七纪念塔", "郑州", "二七区", "郑州市二七区二七广场"),
    ("qingming", "experience", "heritage", "清明上河园", "开封", "龙亭区", "开封市龙亭区龙亭西路5号"),
    ("kaifengfu", "experience", "heritage", "开封府", "开封", "鼓楼区", "开封市鼓楼区包公湖北岸"),
    ("tieta", "experience", "heritage", "开封铁塔公园", "开封", "顺河回族区", "开封市顺河回族区北门大街210号"),
    ("longmen", "experience", "scenic", "龙门石窟", "洛阳", "洛龙区", "洛阳市洛龙区龙门中街13号"),
    ("baimasi", "experience", "heritage", "白马寺", "洛阳", "洛龙区", "洛阳市洛龙区白马寺镇"),
    ("jiaoyulu", "experience", "red", "焦裕禄纪念园", "开封", "兰考县", "兰考县城关镇北街1号"),
    ("hongqiqu", "experience", "red", "红旗渠纪念馆", "安阳", "林州市", "林州市姚村镇分水岭"),
    ("ruci", "experience", "heritage", "汝瓷文化园", "平顶山", "汝州市", "汝州市汝瓷大道2号"),
    ("yisheng", "experience", "heritage", "医圣祠（张仲景纪念馆）", "南阳", "卧龙区", "南阳市卧龙区医圣祠街"),
    # wellness beyond the five
    ("tcm-zz-chinese", "wellness", "tcm", "郑州职工中医理疗中心", "郑州", "中原区", "郑州市中原区建设西路187号"),
    ("tcm-ny-zhongjing", "wellness", "tcm", "南阳仲景国医馆", "南阳", "卧龙区", "南阳市卧龙区仲景路301号"),
    # support
    ("coach-zz", "support", "coach", "郑州中原旅游客运有限公司", "郑州", "郑东新区", "郑州市郑东新区商务外环路20号"),
    ("coach-ly", "support", "coach", "洛阳龙门旅游客运有限公司", "洛阳", "洛龙区", "洛阳市洛龙区开元大道218号"),
    ("ins-henan", "support", "insurance", "人保财险河南省分公司职工保障部", "郑州", "金水区", "郑州市金水区金水路219号"),
    ("guide-kf", "support", "guide", "开封古城导游服务中心", "开封", "龙亭区", "开封市龙亭区午朝门广场东侧"),
]

_HENAN_STATUS = {}
_HENAN_LATER = {"tcm-ny-zhongjing": "2026-07-01", "yisheng": "2026-07-01", "hongqiqu": "2026-08-15"}


def _member(alliance, mid, category, kind, name, city, county, address, admitted, status):
    member = {
        "id": mid, "alliance": alliance, "category": category, "name": name,
        "city": city, "county": county, "address": address,
        "phone": phone_for(mid, county),
        "services": [{"name": n, "price": p, "unit": u} for n, p, u in _services(mid, kind)],
        "status": "active", "admitted": admitted,
    }
    if status:
        member["status"], member["status_since"] = status
    return member


def build_members():
    members = []
    for slug, category, kind, name, county, address in _QUZHOU:
        city = "杭州" if county == "临安区" else "衢州"
        full_address = address if county == "临安区" else "浙江省衢州市" + address
        members.append(_member(QUZHOU, "m-qz-" + slug, category, kind, name, city, county, full_address,
                               _QUZHOU_LATER.get(slug, QUZHOU_FOUNDED), _QUZHOU_STATUS.get(slug)))
    for slug, category, kind, name, city, county, address in _HENAN:
        members.append(_member(HENAN, "m-hn-" + slug, category, kind, name, city, county, "河南省" + address,
                               _HENAN_LATER.get(slug, HENAN_FOUNDED), _HENAN_STATUS.get(slug)))
    return members
