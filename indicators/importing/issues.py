"""Problems found in an uploaded file, located as the user sees them in Excel.

Every message exists in Chinese and English; the importer picks one by the
UI language at parse time, so a list of issues can be shown as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.errors import TrackerError

# code -> (Chinese, English); fields in braces are filled per issue.
MESSAGES: dict[str, tuple[str, str]] = {
    # whole file
    "file_too_large": ("文件大小 {size} 字节，超过上限 {limit} 字节", "the file has {size} bytes, above the limit of {limit}"),
    "unsupported_type": ("不支持的文件类型「{suffix}」，请上传 .xlsx 或 .csv 文件{hint}", "unsupported file type '{suffix}': upload an .xlsx or .csv file{hint}"),
    "not_xlsx": ("文件扩展名为 .xlsx，但内容不是 Excel 工作簿{hint}", "the file is named .xlsx but is not an Excel workbook{hint}"),
    "not_csv": ("文件扩展名为 .csv，但内容不是文本{hint}", "the file is named .csv but does not hold text{hint}"),
    "unreadable_xlsx": ("无法读取 Excel 工作簿：{detail}", "cannot read the Excel workbook: {detail}"),
    "unreadable_csv": ("无法读取 CSV 文件：{detail}", "cannot read the CSV file: {detail}"),
    "zip_bomb": ("工作簿解压后过大（{size}，上限 {limit}），可能是恶意构造的文件，已拒绝", "the workbook unpacks to too much ({size}, limit {limit}); it may be a crafted file and was refused"),
    "zip_ratio": ("工作簿中的「{part}」解压后为 {size}，超过压缩大小的 {ratio} 倍，可能是压缩炸弹，已拒绝", "the workbook part '{part}' unpacks to {size}, over {ratio} times its packed size; it may be a zip bomb and was refused"),
    "zip_parts": ("工作簿含有 {count} 个部件，超过上限 {limit}，可能是恶意构造的文件，已拒绝", "the workbook has {count} parts, above the limit of {limit}; it may be a crafted file and was refused"),
    "zip_nesting": ("工作簿中的压缩文件嵌套超过 {limit} 层，已拒绝", "the workbook nests archives more than {limit} levels deep and was refused"),
    "macro_workbook": ("不接受含宏的工作簿（{suffix}），系统不会运行任何宏。请在 Excel 中“另存为”→“Excel 工作簿（*.xlsx）”后再上传", "macro-enabled workbooks ({suffix}) are not accepted, and macros are never run. In Excel, use Save As → Excel Workbook (*.xlsx) and upload that"),
    "macro_content": ("文件扩展名为 .xlsx，但其中含有宏（{part}），已拒绝；系统不会运行宏。请在 Excel 中另存为不含宏的 .xlsx 后再上传", "the .xlsx file contains macros ({part}) and was refused; macros are never run. Save it in Excel as a workbook without macros"),
    "xml_doctype": ("工作簿的 XML（{part}）含有 DOCTYPE 声明，Excel 不会生成这种文件，可能是恶意构造的，已拒绝", "the workbook's XML ({part}) has a DOCTYPE declaration, which Excel never writes; it may be a crafted file and was refused"),
    "foreign_encoding": ("文件不是 UTF-8 或 GBK 编码{hint}，按中文编码读取会成为乱码，已拒绝。请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后再上传", "the file is neither UTF-8 nor GBK{hint}; read as Chinese it would turn to garbage, so it was refused. In Excel, use Save As → CSV UTF-8 and upload that"),
    "too_much_text": ("文件中的文字共 {length} 个字符，超过上限 {limit}", "the file holds {length} characters of text, above the limit of {limit}"),
    "bad_encoding": ("无法识别文件编码，请另存为 UTF-8 的 CSV", "cannot tell the file's text encoding; save it as UTF-8 CSV"),
    "empty_file": ("文件为空", "the file is empty"),
    "too_many_sheets": ("工作簿有 {count} 个工作表，超过上限 {limit}", "the workbook has {count} sheets, above the limit of {limit}"),
    "no_data_sheet": ("没有找到含「指标」「地区」列的表头；请使用模板的列名", "no sheet has a header with indicator and region columns; use the template's column names"),
    "no_values": ("文件中没有任何数值", "the file holds no values"),
    # sheet and header
    "too_many_rows": ("文件超过 {limit} 行的上限", "the file has more than {limit} rows"),
    "too_many_columns": ("第 {count} 列有数据，超过 {limit} 列的上限", "column {count} holds data, beyond the limit of {limit} columns"),
    "empty_sheet": ("工作表「{sheet}」有表头但没有数据行", "sheet '{sheet}' has a header but no data rows"),
    "missing_column": ("缺少「{column}」列", "the '{column}' column is missing"),
    "no_value_columns": ("没有「数值」列，也没有年份列（如 2021 或 2021年）", "there is no value column and no year columns (like 2021 or 2021年)"),
    "duplicate_column": ("列名与 {first} 列重复", "this column repeats column {first}"),
    "header_year_out_of_range": ("年份列 {year} 超出允许范围 {low}–{high}", "year column {year} is outside {low}–{high}"),
    "skipped_sheet": ("工作表「{sheet}」没有可识别的表头，已跳过", "sheet '{sheet}' has no recognised header and was skipped"),
    "ignored_column": ("无法识别的列「{header}」，已忽略", "unrecognised column '{header}' was ignored"),
    "ignored_year_columns": ("已有「年份」列，年份形式的列名被忽略", "there is a year column, so columns named like years were ignored"),
    # cells
    "missing_indicator": ("指标为空（如使用了合并单元格，请取消合并并在每一行填写指标）", "the indicator is blank (if cells are merged, unmerge them and fill every row)"),
    "unknown_indicator": ("未知指标「{text}」。{suggestion}", "unknown indicator '{text}'. {suggestion}"),
    "indicator_mismatch": ("指标编码「{id_text}」与指标名称「{name_text}」不是同一个指标", "indicator id '{id_text}' and name '{name_text}' are different indicators"),
    "missing_region": ("地区为空", "the region is blank"),
    "unknown_region": ("未知地区「{text}」。{suggestion}", "unknown region '{text}'. {suggestion}"),
    "missing_year": ("年份为空", "the year is blank"),
    "bad_year": ("「{text}」不是年份", "'{text}' is not a year"),
    "year_out_of_range": ("年份 {year} 超出允许范围 {low}–{high}", "year {year} is outside {low}–{high}"),
    "bad_value": ("「{text}」不是数字", "'{text}' is not a number"),
    "negative_value": ("数值 {value} 为负数，但「{name}」的单位是{unit}，不能为负", "{value} is negative, but '{name}' is counted in {unit}"),
    "percent_sign": ("数值带 % 号，但「{name}」的单位是{unit}，不是百分比", "the value has a % sign but '{name}' is in {unit}, not a percentage"),
    "percent_as_fraction": ("数值 {value} 像是小数形式的比例：「{name}」以 % 计（目标约 {reference}），应填 {suggested}", "{value} looks like a fraction: '{name}' is in % (targets around {reference}); enter {suggested}"),
    "unit_factor": ("数值 {value} 与目标相差约 {factor} 倍：「{name}」以{unit}计（目标约 {reference}），是否应为 {suggested}？", "{value} is about {factor} times off: '{name}' is in {unit} (targets around {reference}); did you mean {suggested}?"),
    "implausible": ("数值 {value} 不在「{name}」的合理范围 {low}–{high}（{unit}）内（由其目标值和基期值推算，上下相差 {factor} 倍），请核对数值和单位", "{value} is outside the plausible range {low}–{high} ({unit}) of '{name}', judged from its targets and baselines (up to {factor} times off); check the number and its unit"),
    "implausible_converted": ("「{given}」换算为 {value}（{unit}）后不在「{name}」的合理范围 {low}–{high}（{unit}）内（由其目标值和基期值推算，上下相差 {factor} 倍），请核对数值和单位", "'{given}' is {value} ({unit}) once converted, outside the plausible range {low}–{high} ({unit}) of '{name}', judged from its targets and baselines (up to {factor} times off); check the number and its unit"),
    "above_share": ("数值 {value} 超过 100%：「{name}」是比重或比率（%），合理范围 0–100", "{value} is above 100: '{name}' is a share or rate in %, plausible range 0–100"),
    "above_score": ("数值 {value} 超过「{name}」的满分 {ceiling} {unit}，合理范围 0–{ceiling}", "{value} is above the full score of {ceiling} {unit} of '{name}', plausible range 0–{ceiling}"),
    "too_large": ("数值 {value}（{unit}）超过任何指标可能的上限 {limit}，不可能是「{name}」的数值", "{value} ({unit}) is above {limit}, more than any indicator can count; it cannot be a value of '{name}'"),
    "implausible_history": ("数值 {value}（{unit}）与该地区已保存的数值 {stored} 相差超过 {factor} 倍，不在合理范围 {low}–{high}（{unit}）内，请核对数值和单位", "{value} ({unit}) is more than {factor} times off the stored values {stored} of this series, outside the plausible range {low}–{high} ({unit}); check the number and its unit"),
    "cell_too_long": ("单元格有 {length} 个字符，超过上限 {limit}", "the cell holds {length} characters, above the limit of {limit}"),
    "note_too_long": ("备注有 {length} 个字符，超过上限 {limit}（与备注编辑器相同）", "the note has {length} characters, above the limit of {limit} (as in the note editor)"),
    "unit_mismatch": ("单位「{given}」与指标单位「{unit}」不符", "unit '{given}' does not match the indicator's unit '{unit}'"),
    "bad_url": ("链接「{text}」不是以 http:// 或 https:// 开头的网址", "the link '{text}' is not a web address starting with http:// or https://"),
    "bad_published": ("「{text}」不是日期，请填写如 2024-01-25 或 2024-01", "'{text}' is not a date; enter e.g. 2024-01-25 or 2024-01"),
    "source_too_long": ("内容有 {length} 个字符，超过上限 {limit}", "the text has {length} characters, above the limit of {limit}"),
    "duplicate_conflict": ("与{first}重复（同一指标、地区、年份），数值不同：{first_value} 与 {value}", "repeats {first} (same indicator, region, year) with a different value: {first_value} vs {value}"),
    # warnings on cells
    "duplicate_same": ("与{first}重复（数值相同），只导入一次", "repeats {first} with the same value; imported once"),
    "blank_value": ("数值为空，此行未导入", "the value is blank; the row was not imported"),
    "control_characters": ("已删除 {count} 个不可见的控制字符或文字方向控制符（如终端转义序列）", "removed {count} invisible control or text-direction character(s), such as terminal escape sequences"),
    "unit_converted": ("已将 {given} 换算为 {value}（{unit}）", "converted {given} to {value} ({unit})"),
    "no_target": ("「{name}」在{region}没有目标；数值会保存，但不参与进度评估", "'{name}' has no target in {region}; the value is stored but not assessed"),
    "jump": ("数值 {value} 比 {other_year} 年的 {other_value} 变化 {change}，请核对", "{value} differs from {other_value} in {other_year} by {change}; please check"),
    "already_uploaded": ("同一文件已于 {when} 作为第 {upload_id} 次上传导入", "the same file was already imported as upload #{upload_id} on {when}"),
    # pieces of other messages
    "suggest": ("是否为「{name}」（{code}）？", "Did you mean '{name}' ({code})?"),
    "indicator_choices": ("请使用模板中的指标编码或名称。", "Use an indicator id or name from the template."),
    "region_choices": ("可用的地区：{choices}。", "Known regions: {choices}."),
    # whole file, measured in the zip before any parser (indicators.importing.partscan)
    "too_many_shared_strings": ("工作簿的共享字符串表（{part}）至少有 {count} 个字符串，超过上限 {limit}，可能是恶意构造的文件，已拒绝", "the workbook's shared-string table ({part}) holds at least {count} strings, above the limit of {limit}; it may be a crafted file and was refused"),
}

# Hints appended to whole-file messages, keyed by what the bytes look like.
HINTS: dict[str, tuple[str, str]] = {
    "ole": ("（像是旧版 .xls 或设置了密码的工作簿：请在 Excel 中另存为 .xlsx 并取消密码）", " (it looks like an old .xls or a password-protected workbook: save it as .xlsx without a password)"),
    "text": ("（内容是文本：如果是 CSV，请把扩展名改为 .csv）", " (it holds text: if it is a CSV file, name it .csv)"),
    "other_zip": ("（像是其他 Office 文档或压缩包）", " (it looks like another Office document or a zip archive)"),
    "excel_as_csv": ("（像是 Excel 工作簿：请把扩展名改为 .xlsx，或在 Excel 中另存为 CSV）", " (it looks like an Excel workbook: name it .xlsx, or save it as CSV in Excel)"),
    "binary": ("（含有二进制内容）", " (it holds binary data)"),
    "big5": ("（像是繁体中文 Big5 编码）", " (it looks like Big5, traditional Chinese)"),
    "gbk_or_euc_kr": ("（其中的文字按 GBK 是汉字，按 EUC-KR 又是韩文，无法确定是哪一种）", " (its text reads as hanzi in GBK and as hangul in EUC-KR; which one cannot be told)"),
    "shift_jis": ("（像是日文 Shift-JIS 编码）", " (it looks like Shift-JIS, Japanese)"),
    "euc_kr": ("（像是韩文 EUC-KR 编码）", " (it looks like EUC-KR, Korean)"),
    "cyrillic": ("（像是俄文 KOI8-R 或 Windows-1251 编码）", " (it looks like KOI8-R or Windows-1251, Russian)"),
    "western": ("（像是西文 Windows-1252 编码）", " (it looks like Windows-1252, Western European)"),
    "other_spreadsheet": ("；请在 Excel 中另存为 .xlsx", "; save it as .xlsx in Excel"),
}


def hint_text(hint: str | None, lang: str) -> str:
    if hint is None:
        return ""
    chinese, english = HINTS[hint]
    return chinese if lang == "zh" else english


@dataclass(frozen=True)
class UploadIssue:
    """One problem: where (sheet, Excel row, column letter and header) and what."""

    code: str
    message: str
    sheet: str = ""
    row: int | None = None
    column: str | None = None
    header: str | None = None
    lang: str = "zh"

    @property
    def location(self) -> str:
        parts = []
        zh = self.lang == "zh"
        if self.sheet:
            parts.append(f"工作表「{self.sheet}」" if zh else f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"第 {self.row} 行" if zh else f"row {self.row}")
        if self.column and zh:
            parts.append(f"{self.column} 列（{self.header}）" if self.header else f"{self.column} 列")
        elif self.column:
            parts.append(f"column {self.column} ({self.header})" if self.header else f"column {self.column}")
        return " ".join(parts) if zh else ", ".join(parts)

    def __str__(self) -> str:
        separator = "：" if self.lang == "zh" else ": "
        return f"{self.location}{separator}{self.message}" if self.location else self.message

    def as_dict(self) -> dict[str, object]:
        return {
            "sheet": self.sheet, "row": self.row, "column": self.column,
            "header": self.header, "code": self.code, "message": self.message,
        }


def render(code: str, lang: str, /, **fields: object) -> str:
    chinese, english = MESSAGES[code]
    return (chinese if lang == "zh" else english).format(**fields)


@dataclass
class IssueLog:
    """Collects errors and warnings for one file, in one language."""

    lang: str = "zh"
    errors: list[UploadIssue] = field(default_factory=list)
    warnings: list[UploadIssue] = field(default_factory=list)

    def error(self, code: str, where: Where | None = None, /, **fields: object) -> None:
        self.errors.append(self._issue(code, where, fields))

    def warn(self, code: str, where: Where | None = None, /, **fields: object) -> None:
        self.warnings.append(self._issue(code, where, fields))

    def _issue(self, code: str, where: Where | None, fields: dict[str, object]) -> UploadIssue:
        where = where or Where()
        message = render(code, self.lang, **fields)
        return UploadIssue(code, message, where.sheet, where.row, where.column, where.header, self.lang)


@dataclass(frozen=True)
class Where:
    sheet: str = ""
    row: int | None = None
    column: str | None = None
    header: str | None = None


class FileRejected(TrackerError):
    """The whole file is unusable; carries an issue code for the importer's message."""

    def __init__(self, code: str, hint: str | None = None, **fields: object) -> None:
        super().__init__(code)
        self.code = code
        self.hint_code = hint
        self.fields = fields


class SheetTooLarge(TrackerError):
    """A sheet passes a size limit while it is read; located at the sheet."""

    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(code)
        self.code = code
        self.fields = fields
