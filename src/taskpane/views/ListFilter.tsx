/**
 * The search box and the one-choice filter with counts above a long list (units, findings): the
 * search shrinks with a narrow pane, the filter buttons wrap, each says its count ("Có lỗi 2"),
 * and pressing the chosen one again shows everything.
 */
import { SearchBox, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { formatInteger } from "../../core/vi";

const useStyles = makeStyles({
  // The search box shrinks with the pane (Fluent's Input would keep its own minimum width).
  search: { width: "100%", maxWidth: "100%", minWidth: 0, boxSizing: "border-box" },
  searchInput: { minWidth: 0, width: 0, flexGrow: 1 },
  filters: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, margin: `${tokens.spacingVerticalXS} 0` },
  option: { height: "auto", whiteSpace: "normal", minWidth: 0, maxWidth: "100%" },
});

export interface FilterOption<K extends string> {
  key: K;
  label: string;
  count: number;
}

export interface ListFilterProps<K extends string> {
  query: string;
  onQuery(query: string): void;
  /** Accessible name of the search box, and its placeholder. */
  searchLabel: string;
  placeholder: string;
  /** Accessible name of the filter's group. */
  filterLabel: string;
  /** The label of "everything" and its count. */
  all: { label: string; count: number };
  options: FilterOption<K>[];
  /** The chosen option, or null for everything. */
  selected: K | null;
  onSelect(key: K | null): void;
}

export function ListFilter<K extends string>(props: ListFilterProps<K>) {
  const styles = useStyles();
  const { selected, onSelect } = props;
  return (
    <>
      <SearchBox
        className={styles.search}
        input={{ className: styles.searchInput }}
        value={props.query}
        onChange={(_, data) => props.onQuery(data.value)}
        placeholder={props.placeholder}
        aria-label={props.searchLabel}
      />
      <div className={styles.filters} role="group" aria-label={props.filterLabel}>
        <ToggleButton size="small" className={styles.option} checked={selected === null} onClick={() => onSelect(null)}>
          {props.all.label} {formatInteger(props.all.count)}
        </ToggleButton>
        {props.options.map((o) => (
          <ToggleButton
            key={o.key}
            size="small"
            className={styles.option}
            checked={selected === o.key}
            data-key={o.key}
            onClick={() => onSelect(selected === o.key ? null : o.key)}
          >
            {o.label} {formatInteger(o.count)}
          </ToggleButton>
        ))}
      </div>
    </>
  );
}
