/** "Kiểm tra": run validation and list the findings by unit, errors first; a finding takes the user to its cell. */
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Analysis } from "../../core/model";
import type { Finding } from "../../core/types";
import { formatInteger } from "../../core/vi";
import { SEVERITY_LABELS, canSelect, findingPlace, groupFindings } from "../findings";

const useStyles = makeStyles({
  toolbar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalS },
  heading: { fontSize: tokens.fontSizeBase300, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  finding: { width: "100%", justifyContent: "flex-start", textAlign: "left", alignItems: "flex-start", fontWeight: tokens.fontWeightRegular },
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  line: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  static: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}` },
});

export interface CheckViewProps {
  analysis: Analysis | null;
  busy: boolean;
  onCheck(): void;
  onSelect(sheet: string, cell: string): void;
}

function FindingContent({ f }: { f: Finding }) {
  const styles = useStyles();
  return (
    <span className={styles.body}>
      <span className={styles.line}>
        <Badge appearance="tint" color={f.severity === "error" ? "danger" : f.severity === "warning" ? "warning" : "informative"}>
          {SEVERITY_LABELS[f.severity]}
        </Badge>
        <Text weight="semibold">{f.rule}</Text>
        <Text font="monospace">{findingPlace(f)}</Text>
      </span>
      <Text>{f.message}</Text>
    </span>
  );
}

export function CheckView({ analysis, busy, onCheck, onSelect }: CheckViewProps) {
  const styles = useStyles();
  const groups = analysis ? groupFindings(analysis) : [];
  const errors = analysis ? analysis.findings.filter((f) => f.severity === "error").length : 0;
  const warnings = analysis ? analysis.findings.filter((f) => f.severity === "warning").length : 0;
  return (
    <section aria-label="Kiểm tra">
      <div className={styles.toolbar}>
        <Button appearance="primary" disabled={busy} onClick={onCheck}>
          Kiểm tra
        </Button>
      </div>
      {!analysis && <Text>Bấm "Kiểm tra" để soát báo cáo của các đơn vị theo các quy tắc của mẫu PDV-01; kết quả cũng được ghi ra sheet KiemTra.</Text>}
      {analysis && (
        <Text block role="status">
          Đã nhận {formatInteger(analysis.received)}/{formatInteger(analysis.expected)} báo cáo; {formatInteger(errors)} lỗi,{" "}
          {formatInteger(warnings)} cảnh báo.
        </Text>
      )}
      {analysis && analysis.findings.length === 0 && <Text block>Không có lỗi hay cảnh báo nào.</Text>}
      {groups.map((g) => (
        <section key={g.unit ?? "-"} aria-label={g.title}>
          <h2 className={styles.heading}>{g.title}</h2>
          <ul className={styles.list}>
            {g.findings.map((f, i) => (
              <li key={`${f.rule}-${f.sheet}-${f.cell}-${i}`} data-severity={f.severity}>
                {canSelect(f) ? (
                  <Button
                    appearance="subtle"
                    className={styles.finding}
                    disabled={busy}
                    title={`Chọn ô ${findingPlace(f)}`}
                    onClick={() => onSelect(f.sheet, f.cell || "A1")}
                  >
                    <FindingContent f={f} />
                  </Button>
                ) : (
                  <div className={styles.static}>
                    <FindingContent f={f} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
