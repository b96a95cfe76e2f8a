/** "Đơn vị": the roster with each unit's status, as the core's Analysis gives it. */
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { BadgeProps } from "@fluentui/react-components";
import type { Analysis, UnitState, UnitStatus } from "../../core/model";
import { UNIT_STATE_LABELS } from "../../core/model";
import { formatInteger } from "../../core/vi";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalXXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  name: { flexGrow: 1, minWidth: 0 },
  toolbar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", marginBottom: tokens.spacingVerticalS },
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
}

function counts(u: UnitStatus): string {
  const parts: string[] = [];
  if (u.state !== "missing" && u.errors > 0) parts.push(`${formatInteger(u.errors)} lỗi`);
  if (u.warnings > 0) parts.push(`${formatInteger(u.warnings)} cảnh báo`);
  return parts.join(", ");
}

export function UnitsView({ analysis, busy, onRefresh, onOpenSheet }: UnitsViewProps) {
  const styles = useStyles();
  return (
    <section aria-label="Đơn vị">
      <div className={styles.toolbar}>
        <Button appearance="primary" disabled={busy} onClick={onRefresh}>
          Cập nhật trạng thái
        </Button>
        {analysis && (
          <Text>
            Đã nhận {formatInteger(analysis.received)}/{formatInteger(analysis.expected)} báo cáo
          </Text>
        )}
      </div>
      {!analysis && <Text>Bấm "Cập nhật trạng thái" để đọc danh mục và báo cáo của các đơn vị trong sổ.</Text>}
      {analysis && !analysis.roster && (
        <Text>Sổ chưa có sheet DanhMuc hợp lệ. Xem mục "Kiểm tra" hoặc dùng "Tạo sổ mẫu".</Text>
      )}
      {analysis && analysis.units.length > 0 && (
        <ul className={styles.list} aria-label="Danh sách đơn vị">
          {analysis.units.map((u) => {
            const label = UNIT_STATE_LABELS[u.state];
            const sheet = u.report && !u.report.file ? u.report.sheet : null;
            return (
              <li key={u.code} className={styles.item} aria-label={`${u.code} ${u.name}: ${label}`}>
                <Text weight="semibold">{u.code}</Text>
                <span className={styles.name}>
                  {sheet ? (
                    <Button
                      appearance="transparent"
                      size="small"
                      disabled={busy}
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
                <Badge appearance="filled" color={STATE_COLOR[u.state]} data-state={u.state}>
                  {label}
                </Badge>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
