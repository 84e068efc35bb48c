"""The command line's own messages, in one language per run.

A run speaks the language its --lang names, else config.yaml's
app.default_language (Chinese unless changed), so a Chinese run never ends
with an English line.  Messages are data: key -> (Chinese, English).
"""

from __future__ import annotations

import argparse
import re

from indicators.config import Settings

MESSAGES: dict[str, tuple[str, str]] = {
    "report.written": ("已写入 {count} 个目标（{when}）：{path}", "wrote {count} targets {when} to {path}"),
    "report.as_of": ("截至 {year} 年", "as of {year}"),
    "report.no_actuals": ("尚无实际值", "with no actuals yet"),
    "report.xlsx_binary": ("xlsx 文件是二进制文件", "an xlsx file is binary"),
    "report.xlsx_hint": ("请用 -o 指定文件，或重定向输出", "give -o PATH or redirect the output"),
    "unknown_region": ("未知的地区“{text}”", "unknown region '{text}'"),
    "unknown_document": ("未知的规划文件“{text}”", "unknown document '{text}'"),
    "unknown_indicator": ("未知的指标“{text}”", "unknown indicator '{text}'"),
    "use_one_of": ("可用：{choices}", "use one of {choices}"),
    "indicator_hint": ("请用 `targets` 中的编码、中文名称或别名",
                       "use an id, Chinese name or alias from `targets`"),
    "no_folder": ("文件夹“{folder}”不存在", "folder '{folder}' does not exist"),
    "create_folder": ("请先创建该文件夹", "create it first"),
    "actuals.none": ("没有实际值", "no actuals"),
    "uploads.none": ("没有上传记录", "no uploads"),
    "reverted": ("已撤销第 {upload} 次上传（记为第 {revert} 次）：修改 {changed} 行，删除 {removed} 行，"
                 "恢复 {added} 行，未变 {unchanged} 行",
                 "reverted upload #{upload} as #{revert}: {changed} changed, {removed} removed, "
                 "{added} restored, {unchanged} unchanged"),
    "note.changed": ("已修改 {indicator} {region} {year} 的备注，记为第 {upload} 次上传"
                     "（可用 `revert {upload}` 撤销）",
                     "note of {indicator} {region} {year} changed as upload #{upload} "
                     "(revert it with `revert {upload}`)"),
    "users.added": ("已添加用户“{name}”（{role}）", "added user '{name}' ({role})"),
    "users.none": ("没有用户", "no users"),
    "users.role": ("“{name}”的角色现为 {role}", "'{name}' is now {role}"),
    "users.disabled": ("已停用“{name}”；其会话在下次请求时结束",
                       "disabled '{name}'; their sessions end at their next request"),
    "users.enabled": ("已启用“{name}”", "enabled '{name}'"),
    "users.password": ("已为“{name}”设置新密码；其原有会话已结束",
                       "new password set for '{name}'; their old sessions have ended"),
    "audit.written": ("已写入 {count} 行审计记录：{path}", "wrote {count} audit rows to {path}"),
    "audit.none": ("没有审计记录", "no audit rows"),
    # The one line of a failure, as the import command's "错误: …" lines.
    "error.line": ("错误: {text}", "error: {text}"),
    "error.hint": ("{text}（提示：{hint}）", "{text} (hint: {hint})"),
    "interrupted": ("已中断", "interrupted"),
    "validate.ok": ("通过：{documents} 个规划文件、{indicators} 个指标、{targets} 个目标、{regions} 个地区",
                    "ok: {documents} documents, {indicators} indicators, {targets} targets, "
                    "{regions} regions"),
    "validate.db_ok": ("通过：{documents} 个规划文件、{indicators} 个指标、{targets} 个目标"
                       "（{retired} 个已停用）、{regions} 个地区；登记册第 {version} 版",
                       "ok: {documents} documents, {indicators} indicators, {targets} targets "
                       "({retired} retired), {regions} regions; registry version {version}"),
    "registry.refused": ("登记册的修改被拒绝，未作任何修改：", "registry change refused, nothing was changed:"),
    "registry.imported": ("已导入 {file}：新增 {added} 条，修改 {changed} 条，未变 {unchanged} 条",
                          "imported {file}: {added} added, {changed} changed, {unchanged} unchanged"),
    "registry.left_out": ("数据库中有 {count} 条记录不在该文件中，保持原样（要让目标不再出现在报告中，请停用它）",
                          "{count} record(s) in the database are not in the file and were left as "
                          "they are (retire a target to take it out of reports)"),
}

# The store's and cli.output's messages are English (they serve logs and the API too): a
# Chinese run says them in Chinese.  (pattern of the English first line, Chinese with the
# pattern's fields); a message no pattern matches is shown as written.
ERROR_TEXTS: tuple[tuple[str, str], ...] = (
    (r"there is no upload #(?P<id>\d+)", "没有第 {id} 次上传"),
    (r"list them with `uploads`", "可用 `uploads` 列出上传记录"),
    (r"upload #(?P<upload>\d+) was already reverted by #(?P<by>\d+)", "第 {upload} 次上传已被第 {by} 次撤销"),
    (r"revert #(?P<by>\d+) to restore it", "撤销第 {by} 次即可恢复"),
    (r"cannot revert #(?P<upload>\d+): upload #(?P<other>\d+) has been reverted or restored by a "
     r"later revert", "无法撤销第 {upload} 次上传：第 {other} 次上传已被之后的撤销撤销或恢复"),
    (r"revert that later revert instead", "请改为撤销那次之后的撤销"),
    (r"upload #(?P<upload>\d+) was made by '(?P<name>.*)'; only its author or an administrator may "
     r"revert it", "第 {upload} 次上传由“{name}”提交；只有提交者或管理员可以撤销"),
    (r"the note has (?P<count>\d+) characters; at most (?P<most>\d+) are kept",
     "备注有 {count} 个字符，最多保留 {most} 个"),
    (r"shorten it, or put the full explanation in the method notes", "请缩短，或把完整说明写入方法说明"),
    (r"there is no stored value for (?P<key>.+)", "没有 {key} 的已存数值"),
    (r"upload the value first; a note can only be set on a value that is stored",
     "请先上传该数值；备注只能加在已存的数值上"),
    (r"the note of (?P<key>.+?) is already '(?P<note>.*)'; nothing was changed",
     "{key} 的备注已是“{note}”，未作修改"),
    (r"upload rejected: (?P<count>\d+) error\(s\)", "上传被拒绝：{count} 个错误"),
    (r"fix the file and upload it again; nothing was stored", "请修改文件后重新上传；未保存任何数据"),
    (r"database URL '(?P<url>.*)' is not a valid SQLAlchemy URL", "数据库地址“{url}”不是有效的 SQLAlchemy URL"),
    (r"use (?P<sqlite>sqlite:\S+) or (?P<postgres>postgresql\S+)", "请使用 {sqlite} 或 {postgres}"),
    (r"no driver for '(?P<driver>[^']*)': (?P<detail>.*)", "没有“{driver}”的数据库驱动：{detail}"),
    (r"cannot create the database file (?P<path>.+?): (?P<detail>.*)", "无法创建数据库文件 {path}：{detail}"),
    (r"cannot open the database (?P<url>\S+): (?P<detail>.*)", "无法打开数据库 {url}：{detail}"),
    (r"check DATABASE_URL / --db and that the database server is running",
     "请检查 DATABASE_URL / --db，以及数据库服务器是否在运行"),
    (r"cannot write (?P<path>.+?): (?P<detail>.*)", "无法写入 {path}：{detail}"),
    (r"the folder of the database '(?P<path>.*)' does not exist", "数据库“{path}”所在的文件夹不存在"),
    (r"check --db; it never creates folders", "请检查 --db；它不会创建文件夹"),
    (r"there is no database at '(?P<path>.*)'", "“{path}”处没有数据库"),
    (r"check --db; a command that only reads never creates one", "请检查 --db；只读的命令不会创建数据库"),
    (r"cannot read the database '(?P<path>.*)': (?P<detail>.*)", "无法读取数据库“{path}”：{detail}"),
    (r"'(?P<path>.*)' is not an SQLite database", "“{path}”不是 SQLite 数据库"),
    (r"check --db", "请检查 --db"),
    (r"the database holds no registry yet", "数据库中还没有登记册"),
    (r"it is seeded from the YAML folder when the dashboard first starts", "仪表板首次启动时会从 YAML 文件夹载入"),
    (r"(?P<count>\d+) problem\(s\) in the registry:", "登记册中有 {count} 个问题："),
    (r"cannot read (?P<path>.+?): no such file", "无法读取 {path}：没有该文件"),
    (r"cannot read (?P<path>.+?): (?P<detail>.*)", "无法读取 {path}：{detail}"),
    # The hints of a registry's problems (cli.problem_lines says the problems).
    (r"fix the listed fields and run `(?P<command>[^`]+)`", "请修改所列字段后运行 `{command}`"),
    (r"nothing was imported", "未导入任何记录"),
    (r"nothing was changed; fix the listed fields", "未作任何修改；请修改所列字段"),
    # Accounts (users commands) and cli.users' password prompt.
    (r"no terminal to type the password in; nothing was changed", "没有可输入密码的终端；未作任何修改"),
    (r"run it in a terminal, or set (?P<env>\w+)", "请在终端中运行，或设置 {env}"),
    (r"the two passwords differ; nothing was changed", "两次输入的密码不一致；未作任何修改"),
    (r"a password needs (?P<low>\d+) to (?P<high>\d+) characters", "密码需要 {low} 到 {high} 个字符"),
    (r"there is already a user '(?P<name>.*)'", "已有用户“{name}”"),
    (r"pick another name, or use set-role / enable", "请换一个名称，或使用 set-role / enable"),
    (r"there is no user '(?P<name>.*)'", "没有用户“{name}”"),
    (r"list them with `users list`", "可用 `users list` 列出用户"),
    (r"'(?P<name>.*)' is the last enabled administrator", "“{name}”是最后一个启用的管理员"),
    (r"make another user admin first", "请先把另一位用户设为管理员"),
    (r"unknown role '(?P<role>.*)'", "未知的角色“{role}”"),
    (r"use one of: (?P<choices>.*)", "可用：{choices}"),
)


def run_language(args: argparse.Namespace, settings: Settings) -> str:
    """--lang when the command has it and it was given, else config.yaml's default language."""
    lang = getattr(args, "lang", None) or settings.app.default_language
    return "en" if lang == "en" else "zh"


def message(key: str, lang: str, **fields: object) -> str:
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**fields)


def given_language(args: argparse.Namespace) -> str:
    """The run's language before config.yaml is read (it may be what fails): --lang, else Chinese."""
    return "en" if getattr(args, "lang", None) == "en" else "zh"


def localised_error(text: str, lang: str) -> str:
    """An English message of the store or cli.output in the run's language (ERROR_TEXTS);
    only its first line is matched, the lines after it (a list of problems) are kept."""
    if lang == "en":
        return text
    first, newline, rest = text.partition("\n")
    for pattern, chinese in ERROR_TEXTS:
        match = re.fullmatch(pattern, first)
        if match:
            return chinese.format(**match.groupdict()) + newline + rest
    return text
