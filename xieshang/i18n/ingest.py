"""Import: the validation report, one message per rule, and the import page."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- validation report
    "report.valid": (
        "校验通过：{tables} 张表，共 {rows} 行",
        "Valid: {tables} tables, {rows} rows",
    ),
    "report.invalid": (
        "校验未通过：发现 {count} 个问题，未做任何改动",
        "Not valid: {count} problems found; nothing was changed",
    ),
    "report.follow_on": (
        "其中 {count} 处“引用不存在”源于 {cause} 自身的问题：先修正它，这些问题多半随之消失（列在最后）",
        "{count} of them are unresolved references caused by problems in {cause} itself: fix it first and they will most likely go away (listed last)",
    ),
    "report.more": ("……同类问题另有 {count} 处", "… and {count} more of the same kind"),
    "report.where": (
        "文件 {file}，第 {row} 行，列 {column}",
        "file {file}, row {row}, column {column}",
    ),
    "report.where_file": ("文件 {file}", "file {file}"),
    "report.where_column": ("文件 {file}，列 {column}", "file {file}, column {column}"),
    "report.value": ("值“{value}”", "value “{value}”"),
    "error.shrink": (
        "未导入：这次替换会删除一张表的大部分或全部数据——{tables}。如确实如此，请确认后再导入（页面：勾选确认框；命令行：加 --allow-shrink）",
        "Not imported: this replace would remove most or all of a table's rows — {tables}. If that is intended, confirm it (page: tick the box; command line: --allow-shrink)",
    ),
    "shrink.table": (
        "{table} 从 {before} 行减少到 {after} 行（删除 {removed} 行）",
        "{table} goes from {before} rows to {after} (removing {removed})",
    ),
    "import.done": ("已导入新快照 {snapshot}：{tables}", "Imported snapshot {snapshot}: {tables}"),
    "import.reading": ("读取 {file}", "Reading {file}"),
    "import.validating": ("校验数据", "Validating"),
    "import.writing": ("写入 {table}", "Writing {table}"),
    "import.deriving": (
        "预先汇总统计（{done}/{total}）",
        "Precomputing summaries ({done}/{total})",
    ),
    "demo.writing": ("生成演示数据 {table}（{rows} 行）", "Writing demo {table} ({rows} rows)"),
    "scale.province": (
        "已生成 {done}/{total} 个省，共 {rows} 行",
        "{done}/{total} provinces written, {rows} rows",
    ),
    "error.scale_needs_out": (
        "生成大规模数据时请用 --out 指定输出目录",
        "Give --out for a scale export",
    ),
    "demo.done": ("演示数据已写入 {path}", "Demo export written to {path}"),
    # --- validation problems (one per rule)
    "problem.unreadable": ("文件无法读取：{reason}", "The file cannot be read: {reason}"),
    "problem.duplicate_table": (
        "表 {table} 被提供了不止一次",
        "Table {table} was given more than once",
    ),
    "problem.missing_column": ("缺少必需的列 {column}", "Required column {column} is missing"),
    "problem.wrong_type": (
        "列类型应为{expected}，实际为 {actual}",
        "Column should be {expected}, found {actual}",
    ),
    "problem.required": ("必填项为空", "Required value is empty"),
    "problem.not_unique": ("编号重复", "Duplicate key"),
    "problem.enum": ("取值无效，应为 {choices} 之一", "Invalid value; expected one of {choices}"),
    "problem.reference": ("引用不存在：{target} 中没有该值", "Reference not found in {target}"),
    "problem.reference_follow_on": (
        "引用不存在：{target} 中没有该值（{cause} 有问题，见上）",
        "Reference not found in {target} (a consequence of the problems in {cause}, above)",
    ),
    "problem.date_order": (
        "{later} 应{relation} {earlier}",
        "{later} must be {relation} {earlier}",
    ),
    "relation.after": ("晚于", "after"),
    "relation.not_before": ("不早于", "on or after"),
    "problem.requires": ("填写了 {column} 就必须填写 {needs}", "{column} requires {needs}"),
    "problem.cycle": ("区划上下级形成循环", "The region tree has a cycle here"),
    "problem.orphan_top": (
        "只有最高层级（{top}）的区划可以不填上级代码",
        "Only regions at the top level ({top}) may have no parent_code",
    ),
    "problem.upload_too_large": (
        "本次上传共 {size}，超过上限 {limit}",
        "This upload is {size}, over the limit of {limit}",
    ),
    "problem.file_too_large": (
        "文件大小 {size}，超过上限 {limit}",
        "The file is {size}, over the limit of {limit}",
    ),
    "problem.too_many_rows": (
        "共 {rows} 行，超过每张表 {limit} 行的上限",
        "{rows} rows, over the limit of {limit} rows per table",
    ),
    "problem.zip_bomb": (
        "压缩包解压后约 {unpacked}（压缩比 {ratio}:1），超过限制，未解压",
        "The archive would unpack to {unpacked} (ratio {ratio}:1), over the limit; it was not unpacked",
    ),
    "problem.nested_zip": (
        "压缩包中不能再包含压缩包",
        "An archive inside an archive is not accepted",
    ),
    "problem.empty_file": ("文件是空的", "The file is empty"),
    "problem.password": (
        "文件设有密码保护，无法读取：请在 Excel 或 WPS 中取消密码后再上传",
        "The file is password-protected and cannot be read; remove the password in Excel or WPS and upload again",
    ),
    "problem.bad_encoding": (
        "无法识别文件编码：文本文件只接受 UTF-8、GBK/GB18030 或带 BOM 的 UTF-16（Excel 的“Unicode 文本”），请在 Excel 中另存为“CSV UTF-8”",
        "Cannot read the file's encoding: text files must be UTF-8, GBK/GB18030 or UTF-16 with a BOM (Excel's “Unicode Text”); save it as “CSV UTF-8” in Excel",
    ),
    "problem.bad_member": (
        "压缩包中的 {member} 已损坏（{reason}），无法解压：请重新压缩后再上传",
        "{member} in the archive is damaged ({reason}) and cannot be unpacked; zip it again and upload",
    ),
    "zip.crc": ("校验和不符", "checksum mismatch"),
    "zip.size": ("实际大小与压缩包记录的不符", "its size differs from the one the archive records"),
    "zip.damaged": ("数据不完整", "incomplete data"),
    "zip.encrypted": ("设有密码", "password-protected"),
    "zip.method": ("压缩方式不受支持", "unsupported compression method"),
    "problem.nul": (
        "文本中含有空字符（NUL，显示为 \\0），多半是导出时出错或文件已损坏：请检查后重新导出",
        "The text holds NUL characters (shown as \\0), usually a broken export or a damaged file; check it and export again",
    ),
    "problem.too_many_extra_columns": (
        "有 {count} 列不在数据规范中，超过上限 {limit} 列：请删去多余的列后再上传（上限由 XIESHANG_MAX_EXTRA_COLUMNS 设置）",
        "{count} columns are not in the contract, over the limit of {limit}; remove the extra columns and upload again (the limit is XIESHANG_MAX_EXTRA_COLUMNS)",
    ),
    "problem.no_header": (
        "找不到表头：前 12 行中没有一行包含任何一张表的列名。请用表名命名文件或工作表（如 平台.csv），或使用模板中的表头",
        "No header found: none of the first 12 rows names the columns of any table. Name the file or sheet after its table (e.g. rooms.csv) or use a template's headers",
    ),
    "problem.ambiguous_table": (
        "无法判断是哪张表：表头同时符合 {tables}。请在文件名或工作表名中注明表名",
        "Cannot tell which table this is: the headers fit {tables}. Put the table's name in the file or sheet name",
    ),
    "problem.duplicate_header": (
        "多个列都对应 {column}：{headers}，请只保留一个",
        "Several columns mean {column}: {headers}; keep only one",
    ),
    "problem.unparsable": ("{reason}", "{reason}"),
    "problem.exists": (
        "追加模式下编号已存在于当前数据中",
        "In append mode this id is already in the current data",
    ),
    "parse.date": (
        "无法识别的日期，应为 2023-05-06、2023/5/6、2023年5月6日 或 20230506",
        "Not a date; use 2023-05-06, 2023/5/6, 2023年5月6日 or 20230506",
    ),
    "parse.int": ("应为整数", "Should be a whole number"),
    "parse.bool": (
        "应为 是/否（或 达标/未达标、√/×、1/0）",
        "Should be yes/no (是/否, 达标/未达标, √/×, 1/0)",
    ),
    "parse.code": (
        "代码应为文本（整数），不能带小数",
        "A code must be text (digits), not a decimal",
    ),
    "parse.scientific": (
        "代码被 Excel 显示成了科学计数法，末尾数字已丢失。请把该列设为“文本”格式后重新导出",
        "Excel turned this code into scientific notation and lost its last digits; format the column as Text and export again",
    ),
    "parse.enum": ("取值无效", "Invalid value"),
    "note.footer_rows": (
        "已跳过合计、小计或说明行：第 {rows} 行",
        "Skipped total, subtotal or note rows: {rows}",
    ),
    "note.extra_columns": (
        "以下列不在数据规范中，已原样保留：{columns}",
        "These columns are not in the contract and were kept as they are: {columns}",
    ),
    "note.skipped_member": ("压缩包中的此文件不是数据文件，已跳过", "Not a data file; skipped"),
    "report.file": ("{file}：{table}，{rows} 行", "{file}: {table}, {rows} rows"),
    "type.str": ("文本", "text"),
    "type.date": ("日期", "a date"),
    "type.int": ("整数", "an integer"),
    "type.bool": ("是/否", "true/false"),
    # --- import page
    "import.tab_upload": ("上传导入", "Upload"),
    "import.tab_history": ("导入历史", "History"),
    "import.tab_templates": ("模板下载", "Templates"),
    "import.upload_label": (
        "拖放或选择文件（可多选）：CSV、文本、Excel（.xlsx/.xls）、WPS（.et）、ODS、Parquet 或 ZIP 压缩包",
        "Drop or choose files (several at once): CSV, text, Excel (.xlsx/.xls), WPS (.et), ODS, Parquet or ZIP",
    ),
    "import.upload_help": (
        "文件名或工作表名写明表名（如 平台.csv、委员下沉.xlsx）最稳妥；CSV 可为 UTF-8 或 GBK 编码",
        "Naming the file or sheet after its table (e.g. rooms.csv) is safest; CSV may be UTF-8 or GBK",
    ),
    "import.mode": ("导入方式", "Mode"),
    "mode.replace": ("替换所选表（默认）", "Replace the given tables (default)"),
    "mode.append": ("追加新记录", "Append new rows"),
    "import.checking": ("正在校验……", "Checking…"),
    "import.committing": ("正在写入新快照……", "Writing the new snapshot…"),
    "import.valid": ("全部文件校验通过，可以导入", "Every file is valid and can be imported"),
    "import.table_unknown": ("未识别", "not recognised"),
    "import.download_report": (
        "下载完整校验报告（Excel）",
        "Download the full validation report (Excel)",
    ),
    "import.problems_note": (
        "同类问题每组列出前 {shown} 处，完整清单见校验报告；当前数据未做任何改动",
        "The first {shown} problems of each kind are listed; the report has them all. Nothing was changed",
    ),
    "import.preview": ("导入后的变化", "What the import changes"),
    "import.kpi_scope": ("主要指标：{region} · {period}", "Headline figures: {region} · {period}"),
    "import.shrink_warning": (
        "注意：这次导入会删除大量现有数据——{tables}",
        "Warning: this import removes a lot of existing data — {tables}",
    ),
    "import.shrink_confirm": (
        "我确认要删除这些数据：{tables}",
        "I confirm removing this data: {tables}",
    ),
    "import.stale_preview": (
        "预览之后当前数据已有变化（另有导入或回滚），未导入：请查看上面新的预览，再确认导入",
        "The current data changed after this preview (another import or a rollback), so nothing was imported; check the new preview above and confirm again",
    ),
    "import.commit": ("确认导入", "Import"),
    "import.committed": (
        "已导入，新数据快照 {snapshot} 已生效",
        "Imported: snapshot {snapshot} is now current",
    ),
    "import.rollback": ("回滚", "Roll back"),
    "import.rollback_pick": ("回滚到哪个快照", "Snapshot to go back to"),
    "import.rollback_confirm": (
        "确认将 {snapshot} 恢复为当前数据（会新增一条回滚记录，可再次撤销）",
        "Make {snapshot} current again (recorded as a new snapshot, itself reversible)",
    ),
    "import.rollback_button": ("回滚", "Roll back"),
    "import.templates_note": (
        "每张表一个模板：中文表头和一行示例数据。填好后直接上传即可",
        "One template per table with Chinese headers and an example row; fill it in and upload it",
    ),
    "action.import": ("导入", "import"),
    "action.rollback": ("回滚", "rollback"),
    "action.demo": ("内置演示数据", "built-in demo"),
    "table.regions": ("行政区划：省、市、县、乡镇、村（社区）", "Regions: province to village"),
    "table.rooms": (
        "协商议事平台（议事室、联络站、委员工作室等）",
        "Consultation rooms and other platforms",
    ),
    "table.room_assessments": (
        "平台“六有”评估，每项一行",
        "“六有” assessments, one row per criterion",
    ),
    "table.members": ("政协委员", "Committee members"),
    "table.member_postings": ("委员下沉（固定、流动）", "Member postings (fixed, mobile)"),
    "table.activities": ("协商活动", "Consultation activities"),
    "table.activity_members": ("参加活动的委员", "Members attending activities"),
    "table.suggestions": (
        "提案、意见建议、社情民意信息及办理情况",
        "Proposals, opinions and reports, with their handling",
    ),
    "col.file": ("文件", "File"),
    "col.table": ("识别为", "Table"),
    "col.table_name": ("数据表", "Table"),
    "col.rows": ("行数", "Rows"),
    "col.notes": ("说明", "Notes"),
    "col.row": ("行", "Row"),
    "col.column": ("列", "Column"),
    "col.value": ("值", "Value"),
    "col.problem": ("问题", "Problem"),
    "col.before": ("当前", "Now"),
    "col.after": ("导入后", "After"),
    "col.added": ("新增", "Added"),
    "col.removed": ("删除", "Removed"),
    "col.kpi": ("指标", "Indicator"),
    "col.current": ("当前", "Current"),
    "col.snapshot": ("快照", "Snapshot"),
    "col.created_at": ("时间", "Time"),
    "col.who": ("操作人", "Who"),
    "col.action": ("操作", "Action"),
    "col.sources": ("来源文件", "Source files"),
}
