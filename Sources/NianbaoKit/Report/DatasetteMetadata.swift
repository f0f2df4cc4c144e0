/// `metadata.yml` for Datasette (`datasette nianbao.sqlite -m metadata.yml`): the database described in Chinese, the
/// views for the common questions first, their columns labelled, and the internal tables (rollups, migrations,
/// state) hidden. Written by `nianbao report` beside the database.
public enum DatasetteMetadata {
    /// Tables and views a person browses, with what each holds.
    static let shown: [(name: String, title: String, description: String)] = [
        ("report_figures", "报告与主要数字", "每份报告一行：机关、年度、所在地，表三、表四的主要数字（整数），公开率（%），以及机关自身数字不符、警告、解析存疑的条数。"),
        ("finding_list", "发现的问题", "每条发现一行：机关自身数字不符（表内差错）、警告、解析存疑（本程序未能确定，非机关差错）分开标明，说明用表格原文的行列名称。"),
        ("cell_values", "表格数值（按表格顺序）", "每个单元格一行，附中文行名、列名和表内顺序（按 form_order 排序即为表格原样顺序）；status 为 ok、blank、inferred、split、ambiguous、missing。"),
        ("problems_fts", "存在问题全文检索", "按任意三个及以上连续汉字检索第五部分所列问题（trigram 索引）。"),
        ("problems", "存在问题", "第五部分所列问题，每条一行，附类别。"),
        ("prose_facts", "正文中的数字", "正文所述的数字及其所在原句。"),
        ("media_accounts", "政务新媒体", "账号、平台、关注量、发布量及原句；status 为 active、closed、merged、total。"),
        ("reports", "报告", "每份报告的机关、年度、模板、所在地和机关编号。"),
        ("agencies", "机关", "跨年度认定的机关。"),
        ("sources", "文件", "读取的每个文件及其状态。"),
        ("fields", "字段", "表二、表三、表四各行的规范键、中文名称和表内顺序。"),
        ("field_columns", "表三栏目", "表三各栏的键和中文名称。"),
        ("rule_labels", "规则", "每条检查规则的键和中文名称（finding_list 的 rule_label）。"),
        ("cells", "表格数值（原始键）", "每个单元格一行，以规范键标识（存储于 cell_data 与 cell_keys）；浏览请用 cell_values。"),
        ("findings", "发现（原始）", "浏览请用 finding_list。"),
    ]

    static let hidden = ["grdb_migrations", "store_state", "measure_rollup", "agency_rollup", "agency_groups", "agency_names",
                         "report_measures", "report_t3_totals", "open_rows", "section_signatures", "report_phones", "agency_aliases",
                         "cell_data", "cell_keys"]

    public static func yaml(database: String = "nianbao") -> String {
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var out = """
            title: 政府信息公开工作年度报告数据库
            description: 由 nianbao 从各机关的政府信息公开工作年度报告读取。数字按报告原样记录；机关自身数字不符与解析存疑分开标明。
            databases:
              \(database):
                tables:

            """
        for table in shown {
            out += "      \(table.name):\n        title: \(quoted(table.title))\n        description: \(quoted(table.description))\n"
            if table.name == "cell_values" { out += "        sort: form_order\n" }
        }
        for table in hidden { out += "      \(table):\n        hidden: true\n" }
        return out
    }
}
