import { Writable } from "node:stream";

/** A writable stream that keeps what is written, for a command's output in tests. */
export function collectOutput(): { stream: Writable; text(): string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}
