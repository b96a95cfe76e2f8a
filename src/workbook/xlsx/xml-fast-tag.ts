/**
 * The fast tokenizer's tag (`./xml-fast`): the element being reported, its attributes kept as
 * offsets into the text and read only when asked for, prefixes resolved in the scope of the
 * moment; and the checks of a start tag's attributes (namespace declarations, bound prefixes,
 * no attribute twice: Namespaces in XML 1.0, 3–6).
 */
import { decodeAttr, DECLINE, XML_NS, XMLNS_NS, canonicalUri } from "./xml-refs";

/**
 * The element being reported, as the handlers see it (`Tag` in `./xml`): `name` (qualified),
 * `local`, `uri`, and its attributes through `attr` (`./xml` `attr`). One object serves every
 * event of a parse: a handler must copy what it wants to keep. A close event carries no attributes.
 */
export class FastTag {
  readonly fast = true as const;
  name = "";
  local = "";
  uri = "";
  /** @internal the text being parsed */
  src = "";
  /** @internal attributes of the open tag: per attribute name start, colon (or -1), name end, value start, value end, needs decoding (0/1) */
  a: number[] = [];
  /** @internal number of attributes */
  n = 0;
  /** @internal in-scope prefix declarations (prefix, uri pairs, innermost last) */
  ns: string[] = [];
  /**
   * On an open event, where the element's content starts in `src` (-1 for an empty element `<a/>`).
   * A handler that reads the content itself sets `resume` to the offset of the element's closing
   * tag: the tokenizer goes on from there (and checks that closing tag).
   */
  contentStart = -1;
  resume = -1;

  /** The value of the attribute named `local` in no namespace, or in one of `uris`. */
  attr(local: string, uris?: Set<string>): string | undefined {
    const { a, src } = this;
    for (let k = 0, i = 0; k < this.n; k++, i += 6) {
      const colon = a[i + 1];
      const ls = colon < 0 ? a[i] : colon + 1;
      const n = local.length;
      if (a[i + 2] - ls !== n || src.charCodeAt(ls) !== local.charCodeAt(0) || (n > 1 && !src.startsWith(local, ls))) continue;
      if (uris) {
        if (colon < 0 || !uris.has(this.prefixUri(a[i], colon) ?? "")) continue;
      } else if (colon >= 0) continue;
      const v = src.slice(a[i + 3], a[i + 4]);
      return a[i + 5] ? decodeAttr(v) : v;
    }
    return undefined;
  }

  /** Every attribute of the open tag (qualified name, local name, URI, value), for tests and diagnostics. */
  attributeList(): { name: string; local: string; uri: string; value: string }[] {
    const { a, src } = this;
    const out: { name: string; local: string; uri: string; value: string }[] = [];
    for (let k = 0, i = 0; k < this.n; k++, i += 6) {
      const colon = a[i + 1];
      const name = src.slice(a[i], a[i + 2]);
      const raw = src.slice(a[i + 3], a[i + 4]);
      const value = a[i + 5] ? decodeAttr(raw) : raw;
      let uri = "";
      if (name === "xmlns") uri = XMLNS_NS;
      else if (colon >= 0) uri = name.startsWith("xmlns:") ? XMLNS_NS : (this.prefixUri(a[i], colon) ?? "");
      out.push({ name, local: colon < 0 ? name : src.slice(colon + 1, a[i + 2]), uri, value });
    }
    return out;
  }

  /** @internal the URI bound to the prefix src[start, end) in the current scope. */
  prefixUri(start: number, end: number): string | undefined {
    const len = end - start;
    const { ns, src } = this;
    for (let i = ns.length - 2; i >= 0; i -= 2) {
      const p = ns[i];
      if (p.length === len && src.startsWith(p, start)) return ns[i + 1];
    }
    if (len === 3 && src.startsWith("xml", start)) return XML_NS;
    return undefined;
  }
}

/**
 * Take the namespace declarations among the tag's n attributes: prefixes pushed on `ns`, the
 * default namespace returned. Declines what saxes would refuse or treat specially (an empty or
 * padded namespace name, a reference in one, the xml and xmlns prefixes or namespaces).
 */
export function declare(src: string, a: number[], n: number, ns: string[], defaultUri: string): string {
  for (let k = 0; k < n * 6; k += 6) {
    const as = a[k];
    if (!src.startsWith("xmlns", as) || !(a[k + 2] === as + 5 || a[k + 1] === as + 5)) continue;
    if (a[k + 5]) throw DECLINE;
    const uri = canonicalUri(src.slice(a[k + 3], a[k + 4]));
    if (uri === "" || uri.trim() !== uri || uri === XML_NS || uri === XMLNS_NS) throw DECLINE;
    if (a[k + 1] < 0) defaultUri = uri;
    else {
      const prefix = src.slice(a[k + 1] + 1, a[k + 2]);
      if (prefix === "xml" || prefix === "xmlns") throw DECLINE;
      ns.push(prefix, uri);
    }
  }
  return defaultUri;
}

/** Every prefixed attribute's prefix is bound, and no attribute appears twice; declines otherwise. */
export function checkAttributes(tag: FastTag, n: number): void {
  const { a, src } = tag;
  // Many attributes: names in a set (linear), with the same verdicts as the pairwise check below.
  const names = n > 16 ? new Set<string>() : null;
  const locals = n > 16 ? new Set<string>() : null;
  for (let k = 0; k < n * 6; k += 6) {
    const colon = a[k + 1];
    if (colon >= 0 && !(colon === a[k] + 5 && src.startsWith("xmlns", a[k])) && tag.prefixUri(a[k], colon) === undefined) throw DECLINE;
    if (names && locals) {
      const name = src.slice(a[k], a[k + 2]);
      if (names.has(name)) throw DECLINE;
      names.add(name);
      if (colon >= 0) {
        const expanded = `{${attrUri(tag, src, a, k)}}${src.slice(colon + 1, a[k + 2])}`;
        if (locals.has(expanded)) throw DECLINE;
        locals.add(expanded);
      }
      continue;
    }
    for (let j = k + 6; j < n * 6; j += 6) {
      if (sameName(tag, src, a, k, j)) throw DECLINE;
    }
  }
}

/**
 * Attributes k and j name the same attribute: the same qualified name, or two prefixes bound to
 * the same namespace with the same local name (Namespaces in XML 1.0, 6.3).
 */
function sameName(tag: FastTag, src: string, a: number[], k: number, j: number): boolean {
  const sk = a[k];
  const sj = a[j];
  const lk = a[k + 2] - sk;
  if (lk === a[j + 2] - sj && src.charCodeAt(sk) === src.charCodeAt(sj) && sameChars(src, sk, sj, lk)) return true;
  const ck = a[k + 1];
  const cj = a[j + 1];
  if (ck >= 0 && cj >= 0) {
    const l = a[k + 2] - ck - 1;
    if (a[j + 2] - cj - 1 === l && sameChars(src, ck + 1, cj + 1, l)) return attrUri(tag, src, a, k) === attrUri(tag, src, a, j);
  }
  return false;
}

/** The namespace of the prefixed attribute k (bound: checked before). */
function attrUri(tag: FastTag, src: string, a: number[], k: number): string | undefined {
  const colon = a[k + 1];
  return colon === a[k] + 5 && src.startsWith("xmlns", a[k]) ? XMLNS_NS : tag.prefixUri(a[k], colon);
}

function sameChars(src: string, x: number, y: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (src.charCodeAt(x + i) !== src.charCodeAt(y + i)) return false;
  return true;
}
