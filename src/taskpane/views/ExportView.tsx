/**
 * "Xuất gửi cấp trên": a values-only copy of the summary, for readers without the add-in; and
 * "Báo cáo": the Board's draft report as a Word file the user saves and finishes; and "Gửi lại
 * đơn vị": each unit's findings as its own file, all in one .zip to attach to emails.
 */
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Summary } from "../../core/model";
import { formatInteger } from "../../core/vi";
import { SHEET_REPORT_UP } from "../../core/template";
import type { FeedbackFiles } from "../../flows/feedback";

const useStyles = makeStyles({
  toolbar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalS} 0` },
});

export interface ExportResult {
  sheet: string;
  summary: Summary;
}

export interface ExportViewProps {
  busy: boolean;
  result: ExportResult | null;
  onExport(): void;
  /** Name of the report file last saved, or null. */
  reportSaved: string | null;
  onReport(): void;
  /** The last "Gửi lại đơn vị": who gets a file, or null. */
  feedback: FeedbackFiles | null;
  onFeedback(): void;
}

export function ExportView({ busy, result, onExport, reportSaved, onReport, feedback, onFeedback }: ExportViewProps) {
  const styles = useStyles();
  const covered = result?.summary.total.covered ?? 0;
  const listed = result?.summary.total.listed ?? 0;
  return (
    <section aria-label="Xuất gửi cấp trên">
      <Text block>
        Ghi báo cáo của cả đảng bộ (theo số liệu hiện có trong sổ) ra sheet {SHEET_REPORT_UP}: một báo cáo mẫu PDV-01 mang mã MA_DB,
        số đơn vị đã tổng hợp và danh sách đơn vị, chỉ giá trị, để gửi cấp trên; cấp trên tổng hợp như báo cáo của một đơn vị, không
        cần cài PDV để xem. Sheet {SHEET_REPORT_UP} cũ (nếu có) được thay bằng bản mới.
      </Text>
      <div className={styles.toolbar}>
        <Button appearance="primary" disabledFocusable={busy} onClick={onExport}>
          Xuất gửi cấp trên
        </Button>
      </div>
      {result && (
        <Text block role="status" id="pdv-result-export" tabIndex={-1}>
          Đã ghi sheet {result.sheet}: {formatInteger(covered)}/{formatInteger(listed)} đơn vị được tổng hợp
          {result.summary.excluded.length > 0 ? `; ${formatInteger(result.summary.excluded.length)} đơn vị chưa có số liệu hợp lệ.` : "."}
          {result.summary.params.code ? "" : " Sổ chưa có MA_DB ở sheet DanhMuc: cấp trên chưa ghép được báo cáo này, hãy nhập MA_DB rồi xuất lại."}
        </Text>
      )}
      <Text block>
        Lập dự thảo báo cáo kết quả công tác phát triển đảng viên (tệp Word, sửa được) từ số liệu hiện có trong sổ: tiêu đề, các đoạn
        nhận xét, khối chữ ký và bảng tổng hợp ở phụ lục. Tệp được lưu về máy để Ban hoàn thiện; sổ không bị thay đổi.
      </Text>
      <div className={styles.toolbar}>
        <Button disabled={busy} onClick={onReport}>
          Báo cáo
        </Button>
      </div>
      {reportSaved && (
        <Text block role="status" id="pdv-result-report" tabIndex={-1}>
          Đã lập báo cáo: tệp {reportSaved} đã được lưu về máy.
        </Text>
      )}
      <Text block>
        Lập phản hồi cho từng đơn vị có lỗi hoặc cảnh báo: mỗi đơn vị một tệp Excel (sheet PhanHoi nói rõ sai ở đâu, sửa thế nào, và bản
        sao báo cáo của đơn vị có đánh dấu và ghi chú ở từng ô). Các tệp được gói trong một tệp .zip lưu về máy để gửi cho đơn vị.
      </Text>
      <div className={styles.toolbar}>
        <Button disabled={busy} onClick={onFeedback}>
          Gửi lại đơn vị
        </Button>
      </div>
      {feedback && (
        <div role="status" id="pdv-result-feedback" tabIndex={-1}>
          {feedback.zip ? (
            <Text block>
              Đã lưu tệp {feedback.zip.fileName}: {formatInteger(feedback.units.length)} tệp phản hồi;{" "}
              {formatInteger(feedback.clean)} đơn vị không có lỗi, không cần gửi.
            </Text>
          ) : (
            <Text block>Không đơn vị nào có lỗi hay cảnh báo: không có gì cần gửi lại.</Text>
          )}
          {feedback.units.length > 0 && (
            <ul aria-label="Tệp phản hồi">
              {feedback.units.map((u) => (
                <li key={u.code}>
                  {u.fileName}: {formatInteger(u.errors)} lỗi, {formatInteger(u.warnings)} cảnh báo
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
