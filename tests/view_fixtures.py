"""A small project for the dashboard's view tests (not a conftest: import what you need).

Numbers are chosen so every figure the pages show can be checked by hand; the
expected values are worked out next to each constant below.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from indicators.config import Settings, load_config
from indicators.importing import parse_upload
from indicators.service import TrackerService

CONFIG = """
regions:
  - {code: CN, name_zh: 全国, name_en: China, aliases: [中国]}
  - {code: CN-CQ, name_zh: 重庆市, name_en: Chongqing, aliases: [重庆]}
registry_path: registry
sample_data: null
status: {on_track: 0.95, slightly_behind: 0.6}
"""

REGISTRY = """
documents:
  - {id: plan, title_zh: 国家规划, title_en: National plan, issuer: 国务院, level: national,
     kind: plan, region: CN, period_start: 2021, period_end: 2025, doc_number: 国发〔2021〕20号}
  - {id: outline, title_zh: 国家纲要, title_en: National outline, issuer: 中共中央, level: national,
     kind: outline, region: CN, period_start: 2021, period_end: 2035}
  - {id: cq_plan, title_zh: 重庆规划, title_en: Chongqing plan, issuer: 重庆市政府,
     level: municipal, kind: plan, region: CN-CQ, period_start: 2021, period_end: 2025}
indicators:
  - {id: hv_patents, name_zh: 每万人口高价值发明专利拥有量, name_en: High-value patents per 10k,
     unit: 件, category: creation, definition: 每万人口拥有的高价值发明专利数量。}
  - {id: pledge, name_zh: 知识产权质押融资登记金额, name_en: IP pledge financing, unit: 亿元,
     category: use}
  - {id: ip_share, name_zh: 专利密集型产业增加值占GDP比重, name_en: Patent-intensive share of GDP,
     unit: "%", category: use}
targets:
  - {id: plan_hv, indicator: hv_patents, region: CN, document: plan, section: 主要指标,
     quote: 每万人口高价值发明专利拥有量 6.3 12, line: 10, baseline: {year: 2020, value: 6.3},
     target_year: 2025, target_value: 12, comparator: ">=", kind: level, attribute: 预期性}
  - {id: outline_hv, indicator: hv_patents, region: CN, document: outline, section: 发展目标,
     quote: 每万人口高价值发明专利拥有量达到12件, line: 20, target_year: 2025, target_value: 12,
     comparator: ">=", kind: level}
  - {id: cq_hv, indicator: hv_patents, region: CN-CQ, document: cq_plan, section: 专栏1,
     quote: 每万人口高价值发明专利拥有量 3.5 8, line: 30, baseline: {year: 2020, value: 3.5},
     target_year: 2025, target_value: 8, comparator: ">=", kind: level}
  - {id: plan_pledge, indicator: pledge, region: CN, document: plan, section: 主要指标,
     quote: 知识产权质押融资登记金额（亿元） 2180 3200, line: 11, source: outside_text,
     verified: false, baseline: {year: 2020, value: 2180}, target_year: 2025,
     target_value: 3200, comparator: ">=", kind: level}
  - {id: plan_share, indicator: ip_share, region: CN, document: plan, section: 主要指标,
     quote: 专利密集型产业增加值占GDP比重 11.6 13, line: 12, baseline: {year: 2020, value: 11.6},
     target_year: 2025, target_value: 13, comparator: ">=", kind: level}
"""

ACTUALS_CSV = """\
指标,地区,年份,数值,备注
hv_patents,全国,2021,7.5,
hv_patents,全国,2022,8.5,
hv_patents,全国,2023,9.4,快报数
hv_patents,重庆,2021,4.0,
hv_patents,重庆,2022,4.4,
hv_patents,重庆,2023,4.6,
pledge,全国,2021,2400,
pledge,全国,2022,2600,
"""
UPLOADER = "张三"

# As of 2023 (the latest year), by hand:
# plan_hv:    s = 3/5 = 0.6; planned = 6.3 + 5.7*0.6 = 9.72; progress = 3.1/5.7 = 0.5439;
#             q = 3.1/3.42 = 0.9064 -> slightly_behind
# outline_hv: no baseline in the text -> the 2021 actual 7.5 (plan start 2021);
#             s = 2/4 = 0.5; planned = 9.75; q = 1.9/2.25 = 0.8444 -> slightly_behind
# cq_hv:      planned = 3.5 + 4.5*0.6 = 6.2; progress = 1.1/4.5 = 0.2444;
#             q = 1.1/2.7 = 0.4074 -> behind
# plan_pledge: latest 2022: s = 0.4; planned = 2588; progress = 420/1020 = 0.4118;
#             q = 420/408 = 1.0294 -> on_track
# plan_share: no actual -> no_data
EXPECTED_STATUS = {
    "plan_hv": "slightly_behind",
    "outline_hv": "slightly_behind",
    "cq_hv": "behind",
    "plan_pledge": "on_track",
    "plan_share": "no_data",
}


def write_project(folder: Path, config: str = CONFIG, registry: str = REGISTRY) -> Settings:
    (folder / "registry").mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    (folder / "registry" / "main.yaml").write_text(textwrap.dedent(registry), encoding="utf-8")
    return load_config(folder / "config.yaml", database_url=f"sqlite:///{folder / 'view.db'}")


def open_service(folder: Path, with_actuals: bool = True) -> TrackerService:
    """The project's service on a fresh SQLite file, with ACTUALS_CSV committed."""
    service = TrackerService.open(write_project(folder))
    if with_actuals:
        content = ACTUALS_CSV.encode("utf-8")
        parsed = parse_upload(content, "actuals.csv", service.registry, service.settings)
        assert parsed.ok, parsed.errors  # a broken fixture, not a product check
        service.store.commit(parsed, UPLOADER, "actuals.csv", parsed.sha256)
    return service
