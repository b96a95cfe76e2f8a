/**
 * Text written straight into UTF-8 byte chunks of about 1 MB (the large generated parts: notes,
 * worksheets): constant pieces encoded once and copied, numbers written digit by digit, so that no
 * long string is built and encoded again. Node only (Buffer).
 */

/** Size at which a chunk is handed out (`full`). */
const CHUNK = 1 << 20;

export class ChunkWriter {
  /** One buffer, handed out (`take`) and written again: a chunk is valid until the next write. */
  private buf: Buffer = Buffer.allocUnsafe(CHUNK * 2);
  private pos = 0;
  private readonly encoder = new TextEncoder();

  /** Text encoded once, to write with `bytes`. */
  encode(text: string): Uint8Array {
    return this.encoder.encode(text);
  }

  /** Make room for `n` more bytes (a larger buffer, the bytes so far copied, when they do not fit). */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    if (n > 32) this.buf.set(b, this.pos);
    else {
      // A loop beats set() on a few bytes (most pieces are tags of a dozen).
      const buf = this.buf;
      const at = this.pos;
      for (let i = 0; i < n; i++) buf[at + i] = b[i];
    }
    this.pos += n;
  }

  /** Text of ASCII characters only (cell references, numbers as text). */
  ascii(text: string): void {
    this.room(text.length);
    this.pos += this.buf.write(text, this.pos, "latin1");
  }

  /** Any text, as UTF-8. */
  text(text: string): void {
    this.room(text.length * 3);
    this.pos += this.buf.write(text, this.pos, "utf8");
  }

  /** A non-negative integer in decimal. */
  int(n: number): void {
    if (n < 0 || !Number.isSafeInteger(n)) {
      this.ascii(String(n));
      return;
    }
    this.room(16);
    const b = this.buf;
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let at = this.pos + digits;
    this.pos = at;
    do {
      b[--at] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }

  /** The chunk has reached its size: `take` it. */
  get full(): boolean {
    return this.pos >= CHUNK;
  }

  /**
   * The bytes written since the last take, as a view of the one buffer: use it up before writing
   * again (the generators yield it, and their consumer, `deflatePieces`, does).
   */
  take(): Uint8Array[] {
    if (this.pos === 0) return [];
    const out = this.buf.subarray(0, this.pos);
    this.pos = 0;
    return [out];
  }
}
