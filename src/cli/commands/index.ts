/**
 * Every `pdv` command, in the order `pdv --help` lists them. A new command is a new file in this
 * folder exporting a `Command` (../command.ts), added to TABLE with its name, usage and summary.
 *
 * A command's module is loaded only when that command runs or prints its own help: `pdv
 * consolidate` does not pay for template.ts (ExcelJS, 0.24 s) or report.ts (docx). `pdv --help`
 * needs only the usage lines and summaries, kept here; test/cli/help.test.ts checks that they are
 * the ones the modules declare and that the help texts are unchanged.
 */
import type { Command } from "../command";

interface Entry {
  name: string;
  usage: string[];
  summary: string;
  /** The command's module, loaded on first use (CommonJS require: synchronous, cached by Node). */
  load(): Command;
}

const TABLE: Entry[] = [
  {
    name: "template",
    usage: ["pdv template --roster <danh-muc.csv> --out <so-bao-cao.xlsx> [tham số]"],
    summary: "Tạo sổ báo cáo chuẩn để trống: sheet DanhMuc và một sheet PDV-01 cho mỗi đơn vị.",
    load: () => (require("./template") as typeof import("./template")).template,
  },
  {
    name: "validate",
    usage: ["pdv validate <đầu vào> [--json]", "pdv validate <đầu vào mới> --truoc <đầu vào cũ> [--json]"],
    summary: "Kiểm tra sổ báo cáo: liệt kê lỗi và cảnh báo, chỉ rõ sheet, ô và đơn vị.",
    load: () => (require("./validate") as typeof import("./validate")).validate,
  },
  {
    name: "consolidate",
    usage: ["pdv consolidate <đầu vào> --out <tong-hop.xlsx> [--ngay <dd/mm/yyyy>] [--json]"],
    summary: "Tổng hợp toàn đảng bộ vào sheet TongHop của một bản sao sổ.",
    load: () => (require("./consolidate") as typeof import("./consolidate")).consolidate,
  },
  {
    name: "feedback",
    usage: ["pdv feedback <đầu vào> --out <thư mục> [--json]"],
    summary: "Phản hồi gửi lại đơn vị: một tệp .xlsx cho mỗi đơn vị có lỗi, cảnh báo (PhanHoi và bản sao báo cáo có đánh dấu ô).",
    load: () => (require("./feedback") as typeof import("./feedback")).feedback,
  },
  {
    name: "report",
    usage: ["pdv report <đầu vào> --out <bao-cao.docx> [--dia-danh <tên>] [--ngay <dd/mm/yyyy>] [--json]"],
    summary: "Dự thảo báo cáo kết quả phát triển đảng viên (Word), bảng tổng hợp ở phụ lục A4 ngang.",
    load: () => (require("./report") as typeof import("./report")).report,
  },
  {
    name: "export",
    usage: ["pdv export <đầu vào> --out <gui-len.xlsx> [--bieu-so <số biểu>] [--dia-danh <tên>] [--ngay <dd/mm/yyyy>] [--json]"],
    summary: "Biểu thống kê gửi cấp trên, chỉ có giá trị, cùng số liệu với TongHop.",
    load: () => (require("./export") as typeof import("./export")).exportForm,
  },
  {
    name: "samples",
    usage: ["pdv samples --csv <danh-muc.csv> --out <thư mục> [tham số như template]"],
    summary: "Sinh hai dạng dữ liệu mẫu (một sổ, một thư mục) từ tệp CSV.",
    load: () => (require("./samples") as typeof import("./samples")).samples,
  },
];

/**
 * A Command whose name, usage and summary are at hand and whose other members (description,
 * positionals, options, run) load its module on first access.
 */
function lazyCommand(e: Entry): Command {
  return {
    name: e.name,
    usage: e.usage,
    summary: e.summary,
    get description() {
      return e.load().description;
    },
    get positionals() {
      return e.load().positionals;
    },
    get options() {
      return e.load().options;
    },
    run: (p, io) => e.load().run(p, io),
  };
}

/** Every command (lazy: see the module comment), in the order `pdv --help` lists them. */
export const COMMANDS: readonly Command[] = TABLE.map(lazyCommand);

/** The command's own module's declaration (loads it): for tests comparing it with the table. */
export function loadCommand(name: string): Command | undefined {
  return TABLE.find((e) => e.name === name)?.load();
}
