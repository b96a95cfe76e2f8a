/**
 * "Đơn vị": the roster with each unit's status, as the core's Analysis gives it. Built for
 * hundreds of units in a narrow pane: search by code or name (diacritics optional), a status
 * filter with counts, and a button that copies the units to chase. Status is written in the badge
 * (never colour alone), and the badge grows with its label when the pane is narrow or zoomed.
 */
import { memo, useCallback, useMemo, useRef, useState } from "react";
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { BadgeProps } from "@fluentui/react-components";
import type { Analysis, UnitState, UnitStatus } from "../../core/model";
import { UNIT_STATE_LABELS } from "../../core/model";
import { formatInteger } from "../../core/vi";
import { STATE_ORDER, chaseList, countStates, filterUnits } from "../unitList";
import { ListFilter } from "./ListFilter";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-start",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalXXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  code: { flexShrink: 0 },
  name: { flexGrow: 1, flexBasis: "8em", minWidth: 0, overflowWrap: "break-word" },
  nameButton: {
    height: "auto",
    minWidth: 0,
    maxWidth: "100%",
    padding: 0,
    textAlign: "left",
    justifyContent: "flex-start",
    whiteSpace: "normal",
    fontWeight: tokens.fontWeightRegular,
  },
  // A label that does not fit wraps by word inside its badge, which grows with it.
  badge: { height: "auto", minHeight: "20px", maxWidth: "100%", whiteSpace: "normal", textAlign: "center", paddingBlock: "1px", flexShrink: 0 },
  toolbar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center", marginBottom: tokens.spacingVerticalS },
  wrapButton: { height: "auto", whiteSpace: "normal", minWidth: 0, maxWidth: "100%" },
});

const STATE_COLOR: Record<UnitState, BadgeProps["color"]> = {
  submitted: "success",
  missing: "informative",
  error: "danger",
  late: "warning",
};

export interface UnitsViewProps {
  analysis: Analysis | null;
  busy: boolean;
  onRefresh(): void;
  /** Bring a unit's report sheet to the front. */
  onOpenSheet(sheet: string): void;
  /** Put the list of units to chase on the clipboard. */
  onCopy(text: string): void;
  /** Set when that list was just copied. */
  copied: boolean;
}

function counts(u: UnitStatus): string {
  const parts: string[] = [];
  if (u.state !== "missing" && u.errors > 0) parts.push(`${formatInteger(u.errors)} lỗi`);
  if (u.warnings > 0) parts.push(`${formatInteger(u.warnings)} cảnh báo`);
  return parts.join(", ");
}

/** The list itself: hundreds of rows, drawn again only when the units shown or `busy` change. */
const UnitRows = memo(function UnitRows({ units, busy, onOpenSheet }: { units: UnitStatus[]; busy: boolean; onOpenSheet(sheet: string): void }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Danh sách đơn vị">
      {units.map((u) => {
        const label = UNIT_STATE_LABELS[u.state];
        const sheet = u.report && !u.report.file ? u.report.sheet : null;
        return (
          <li key={u.code} className={styles.item} aria-label={`${u.code} ${u.name}: ${label}`}>
            <Text weight="semibold" className={styles.code}>
              {u.code}
            </Text>
            <Badge appearance="filled" color={STATE_COLOR[u.state]} className={styles.badge} data-state={u.state}>
              {label}
            </Badge>
            <span className={styles.name}>
              {sheet ? (
                <Button
                  appearance="transparent"
                  className={styles.nameButton}
                  disabledFocusable={busy}
                  aria-label={`Mở sheet ${sheet} của ${u.name}`}
                  onClick={() => onOpenSheet(sheet)}
                >
                  {u.name}
                </Button>
              ) : (
                <Text>{u.name}</Text>
              )}
              {counts(u) && (
                <Text size={200} block>
                  {counts(u)}
                </Text>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
});

export function UnitsView({ analysis, busy, onRefresh, onOpenSheet, onCopy, copied }: UnitsViewProps) {
  const styles = useStyles();
  const [query, setQuery] = useState("");
  const [state, setState] = useState<UnitState | null>(null);
  const units = analysis?.units ?? [];
  const tally = useMemo(() => countStates(units), [units]);
  const shown = useMemo(() => filterUnits(units, query, state), [units, query, state]);
  const chase = useMemo(() => chaseList(units), [units]);
  // A stable callback, so that the (long) list is not drawn again when only progress changes.
  const onOpen = useRef(onOpenSheet);
  onOpen.current = onOpenSheet;
  const openSheet = useCallback((sheet: string) => onOpen.current(sheet), []);
  return (
    <section aria-label="Đơn vị">
      <div className={styles.toolbar}>
        <Button appearance="primary" className={styles.wrapButton} disabledFocusable={busy} onClick={onRefresh}>
          Cập nhật trạng thái
        </Button>
        {analysis && (
          <Text id="pdv-result-units" tabIndex={-1}>
            Đã nhận {formatInteger(analysis.received)}/{formatInteger(analysis.expected)} báo cáo
          </Text>
        )}
      </div>
      {!analysis && <Text>Bấm "Cập nhật trạng thái" để đọc danh mục và báo cáo của các đơn vị trong sổ.</Text>}
      {analysis && !analysis.roster && <Text>Sổ chưa có sheet DanhMuc hợp lệ. Xem mục "Kiểm tra" hoặc dùng "Tạo sổ mẫu".</Text>}
      {units.length > 0 && (
        <>
          <ListFilter<UnitState>
            query={query}
            onQuery={setQuery}
            searchLabel="Tìm đơn vị theo mã hoặc tên"
            placeholder="Mã hoặc tên, không cần dấu"
            filterLabel="Lọc theo trạng thái"
            all={{ label: "Tất cả", count: units.length }}
            options={STATE_ORDER.map((s) => ({ key: s, label: UNIT_STATE_LABELS[s], count: tally[s] }))}
            selected={state}
            onSelect={setState}
          />
          <div className={styles.toolbar}>
            <Text role="status" data-testid="units-shown">
              {shown.length === units.length
                ? `${formatInteger(units.length)} đơn vị`
                : `Hiện ${formatInteger(shown.length)}/${formatInteger(units.length)} đơn vị`}
            </Text>
            {chase && (
              <Button size="small" className={styles.wrapButton} disabledFocusable={busy} onClick={() => onCopy(chase)}>
                Sao chép danh sách chưa nộp, có lỗi
              </Button>
            )}
            {copied && <Text role="status">Đã sao chép.</Text>}
          </div>
          {shown.length === 0 && <Text block>Không có đơn vị nào khớp.</Text>}
          <UnitRows units={shown} busy={busy} onOpenSheet={openSheet} />
        </>
      )}
    </section>
  );
}
