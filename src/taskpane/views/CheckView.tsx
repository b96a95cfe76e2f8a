/**
 * "Kiểm tra": run validation and list the findings by unit, errors first; a finding takes the user
 * to its cell. For hundreds of units the list can be narrowed by unit (code or name, diacritics
 * optional) and by severity; a rule's code carries its title as a tooltip.
 */
import { countFindings } from "../../core/findings";
import { memo, useCallback, useMemo, useRef, useState } from "react";
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Analysis } from "../../core/model";
import type { Finding } from "../../core/types";
import { formatInteger } from "../../core/vi";
import type { FindingGroup } from "../findings";
import { ListFilter } from "./ListFilter";
import { SEVERITY_LABELS, canSelect, filterGroups, findingPlace, groupFindings, ruleTitle } from "../findings";

const useStyles = makeStyles({
  toolbar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalS },
  heading: { fontSize: tokens.fontSizeBase300, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  finding: {
    width: "100%",
    minWidth: 0,
    height: "auto",
    justifyContent: "flex-start",
    textAlign: "left",
    alignItems: "flex-start",
    whiteSpace: "normal",
    overflowWrap: "break-word",
    fontWeight: tokens.fontWeightRegular,
  },
  badge: { height: "auto", minHeight: "20px", whiteSpace: "normal", textAlign: "center", flexShrink: 0 },

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
        <Badge
          appearance="tint"
          className={styles.badge}
          color={f.severity === "error" ? "danger" : f.severity === "warning" ? "warning" : "informative"}
        >
          {SEVERITY_LABELS[f.severity]}
        </Badge>
        <Text weight="semibold" title={ruleTitle(f.rule)}>
          {f.rule}
        </Text>
        <Text font="monospace">{findingPlace(f)}</Text>
      </span>
      <Text>{f.message}</Text>
    </span>
  );
}

/** The findings by unit: drawn again only when the groups shown or `busy` change. */
const FindingGroups = memo(function FindingGroups({
  groups,
  busy,
  onSelect,
}: {
  groups: FindingGroup[];
  busy: boolean;
  onSelect(sheet: string, cell: string): void;
}) {
  const styles = useStyles();
  return (
    <>
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
                    disabledFocusable={busy}
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
    </>
  );
});

export function CheckView({ analysis, busy, onCheck, onSelect }: CheckViewProps) {
  const styles = useStyles();
  const [query, setQuery] = useState("");
  const [severity, setSeverity] = useState<Finding["severity"] | null>(null);
  const all = useMemo(() => (analysis ? groupFindings(analysis) : []), [analysis]);
  const groups = useMemo(() => filterGroups(all, query, severity), [all, query, severity]);
  // A stable callback, so that the (long) list is not drawn again when only progress changes.
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const select = useCallback((sheet: string, cell: string) => onSelectRef.current(sheet, cell), []);
  const { errors, warnings } = countFindings(analysis?.findings ?? []);
  const infos = analysis ? analysis.findings.length - errors - warnings : 0;
  return (
    <section aria-label="Kiểm tra">
      <div className={styles.toolbar}>
        <Button appearance="primary" disabledFocusable={busy} onClick={onCheck}>
          Kiểm tra
        </Button>
      </div>
      {!analysis && <Text>Bấm "Kiểm tra" để soát báo cáo của các đơn vị theo các quy tắc của mẫu PDV-01; kết quả cũng được ghi ra sheet KiemTra.</Text>}
      {analysis && (
        <Text block role="status" id="pdv-result-check" tabIndex={-1}>
          Đã nhận {formatInteger(analysis.received)}/{formatInteger(analysis.expected)} báo cáo; {formatInteger(errors)} lỗi,{" "}
          {formatInteger(warnings)} cảnh báo.
        </Text>
      )}
      {analysis && analysis.findings.length === 0 && <Text block>Không có lỗi hay cảnh báo nào.</Text>}
      {analysis && analysis.findings.length > 0 && (
        <>
          <ListFilter<Finding["severity"]>
            query={query}
            onQuery={setQuery}
            searchLabel="Lọc lỗi theo đơn vị"
            placeholder="Mã hoặc tên đơn vị, không cần dấu"
            filterLabel="Lọc theo mức độ"
            all={{ label: "Tất cả", count: analysis.findings.length }}
            options={[
              { key: "error" as const, label: SEVERITY_LABELS.error, count: errors },
              { key: "warning" as const, label: SEVERITY_LABELS.warning, count: warnings },
              // Information (e.g. C06 when allocations exceed the target given) only when there is some.
              ...(infos > 0 ? [{ key: "info" as const, label: SEVERITY_LABELS.info, count: infos }] : []),
            ]}
            selected={severity}
            onSelect={setSeverity}
          />
          {groups.length === 0 && <Text block>Không có lỗi hay cảnh báo nào khớp.</Text>}
        </>
      )}
      <FindingGroups groups={groups} busy={busy} onSelect={select} />
    </section>
  );
}
