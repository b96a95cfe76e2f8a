/**
 * What the pane says about the open tab, under the tab strip: the failure of the last task started
 * from this tab, the result message of this tab, a warning that the figures shown may be stale,
 * and the progress of the running task (with "Hủy nhập" while an import can still be cancelled).
 * Each message has an id so that the pane can move the focus to it.
 */
import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { FlowLevel, FlowProgress as Progress } from "../flows/outcome";

const useStyles = makeStyles({
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export interface PaneNoticeText {
  level: FlowLevel | "info";
  message: string;
}

export interface PaneMessagesProps {
  /** The failure to show on this tab (Vietnamese), or null. */
  error: string | null;
  onCloseError(): void;
  notice: PaneNoticeText | null;
  onCloseNotice(): void;
  /** The stale-figures warning for this tab, or null. */
  stale: string | null;
  /** The running task's progress, or null when idle. */
  progress: Progress | null;
  /** Offer "Hủy nhập" (the running task is an import that has written nothing yet). */
  onCancel: (() => void) | null;
  cancelling: boolean;
}

export function PaneMessages({ error, onCloseError, notice, onCloseNotice, stale, progress, onCancel, cancelling }: PaneMessagesProps) {
  const styles = useStyles();
  return (
    <>
      {error && (
        <MessageBar intent="error" role="alert" id="pdv-error" tabIndex={-1}>
          <MessageBarBody>
            <MessageBarTitle>Không thực hiện được</MessageBarTitle>
            {error}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="transparent" size="small" aria-label="Đóng thông báo lỗi" onClick={onCloseError}>
              Đóng
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {notice && !error && (
        <MessageBar intent={notice.level} data-testid="notice" id="pdv-notice" tabIndex={-1}>
          <MessageBarBody>{notice.message}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="transparent" size="small" aria-label="Đóng thông báo" onClick={onCloseNotice}>
              Đóng
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {stale && (
        <MessageBar intent="warning" data-testid="stale">
          <MessageBarBody>{stale}</MessageBarBody>
        </MessageBar>
      )}

      {progress && (
        <div className={styles.progress}>
          <Field validationMessage={cancelling ? "Đang hủy…" : progress.label} validationState="none">
            <ProgressBar value={progress.value} thickness="large" aria-label={progress.label} />
          </Field>
          {onCancel && progress.cancellable && !cancelling && (
            <Button onClick={onCancel} data-testid="cancel-import">
              Hủy nhập
            </Button>
          )}
        </div>
      )}
    </>
  );
}
