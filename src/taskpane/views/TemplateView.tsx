/** "Tạo sổ mẫu": lay out DanhMuc and one blank PDV-01 form per unit from a roster CSV. */
import { useState } from "react";
import { Button, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { DistrictParams } from "../../core/model";
import { parseDateText, yearOf } from "../../core/dates";
import { formatInteger, parseViNumber } from "../../core/vi";
import type { TemplateResult } from "../../flows/template";
import { PARAMS } from "../../core/template";
import type { ParamCode } from "../../core/template";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  // A native file input is about 250 px wide by default: it must shrink with a 175 px pane.
  file: { fontSize: tokens.fontSizeBase300, width: "100%", maxWidth: "100%", minWidth: 0 },
  input: { minWidth: 0, width: "100%" },
});

export interface TemplateViewProps {
  busy: boolean;
  result: TemplateResult | null;
  onCreate(csv: File, params: DistrictParams): void;
}

interface Draft {
  name: string;
  from: string;
  to: string;
  deadline: string;
  target: string;
  /** CO_QUAN and MA_DB: optional, blank = not set. */
  board: string;
  code: string;
}

type Problems = Partial<Record<keyof Draft | "csv", string>>;

/** The form's fields, labelled as DanhMuc labels its parameters. */
const FIELDS: { key: keyof Draft; param: ParamCode; placeholder?: string; inputMode?: "numeric" }[] = [
  { key: "name", param: "DB_TEN" },
  { key: "board", param: "CO_QUAN", placeholder: "Ví dụ: Ban Xây dựng Đảng Đảng ủy phường …" },
  { key: "code", param: "MA_DB" },
  { key: "from", param: "KY_TU", placeholder: "dd/mm/yyyy" },
  { key: "to", param: "KY_DEN", placeholder: "dd/mm/yyyy" },
  { key: "deadline", param: "HAN_NOP", placeholder: "dd/mm/yyyy" },
  { key: "target", param: "CHITIEU_DB", inputMode: "numeric" },
];

function labelOf(code: ParamCode): string {
  return PARAMS.find((p) => p.code === code)?.label ?? code;
}

function isOptional(code: ParamCode): boolean {
  return PARAMS.find((p) => p.code === code)?.optional === true;
}

/** The parameters typed in the form, or what is wrong with them (Vietnamese). */
export function readParams(d: Draft): { params?: DistrictParams; problems: Problems } {
  const problems: Problems = {};
  const name = d.name.trim();
  if (!name) problems.name = "Nhập tên đảng bộ.";
  const date = (key: "from" | "to" | "deadline") => {
    const serial = parseDateText(d[key]);
    if (serial === null) problems[key] = "Nhập ngày dạng dd/mm/yyyy, ví dụ 31/08/2020.";
    return serial;
  };
  const from = date("from");
  const to = date("to");
  const deadline = date("deadline");
  const parsed = parseViNumber(d.target);
  const target = parsed && Number.isInteger(parsed.value) && parsed.value >= 0 ? parsed.value : null;
  if (target === null) problems.target = "Nhập chỉ tiêu là số nguyên không âm.";
  if (from !== null && to !== null && from > to) problems.to = "Ngày chốt số liệu phải sau ngày bắt đầu kỳ báo cáo.";
  if (Object.keys(problems).length > 0 || from === null || to === null || deadline === null || target === null) return { problems };
  const optional = (t: string) => t.trim().replace(/\s+/g, " ") || null;
  return {
    params: { name, year: yearOf(to), from, to, deadline, target, board: optional(d.board), code: optional(d.code) },
    problems,
  };
}

export function TemplateView({ busy, result, onCreate }: TemplateViewProps) {
  const styles = useStyles();
  const [csv, setCsv] = useState<File | null>(null);
  // Empty, never the sample district's values: a user who only picks a roster must not get a
  // workbook labelled with another committee, year or target.
  const [draft, setDraft] = useState<Draft>({ name: "", from: "", to: "", deadline: "", target: "", board: "", code: "" });
  const [problems, setProblems] = useState<Problems>({});
  const set = (key: keyof Draft) => (_: unknown, data: { value: string }) => setDraft((d) => ({ ...d, [key]: data.value }));

  const submit = () => {
    const { params, problems: p } = readParams(draft);
    if (!csv) p.csv = "Chọn tệp danh mục đơn vị (.csv).";
    setProblems(p);
    if (params && csv) onCreate(csv, params);
  };

  return (
    <section aria-label="Tạo sổ mẫu">
      <Text block>
        Tạo sheet DanhMuc và một mẫu báo cáo PDV-01 trống cho mỗi đơn vị, từ tệp danh mục CSV (các cột MA_DV, TEN_DV, LOAI_HINH,
        KHOI, KN_CHITIEU; có thể thêm TEN_SHEET, KN_CUNGKY). Chỉ làm trong sổ chưa có sheet DanhMuc.
      </Text>
      <div className={styles.form}>
        <Field label="Tệp danh mục đơn vị (.csv)" required validationMessage={problems.csv}>
          <input
            className={styles.file}
            type="file"
            accept=".csv,text/csv"
            aria-label="Chọn tệp danh mục đơn vị (.csv)"
            disabled={busy}
            onChange={(e) => setCsv(e.currentTarget.files?.[0] ?? null)}
          />
        </Field>
        {FIELDS.map((f) => (
          <Field key={f.key} label={labelOf(f.param)} required={!isOptional(f.param)} validationMessage={problems[f.key]}>
            <Input className={styles.input} value={draft[f.key]} onChange={set(f.key)} disabled={busy} placeholder={f.placeholder} inputMode={f.inputMode} />
          </Field>
        ))}
        <Button appearance="primary" disabledFocusable={busy} onClick={submit}>
          Tạo sổ mẫu
        </Button>
      </div>
      {result && (
        <Text block role="status" id="pdv-result-template" tabIndex={-1}>
          Đã tạo sheet {result.roster} và {formatInteger(result.units.length)} mẫu báo cáo đơn vị. Gửi mỗi đơn vị sheet của mình để điền số
          liệu.
        </Text>
      )}
    </section>
  );
}
