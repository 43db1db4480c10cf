/**
 * Windows hands a program one command-line string; the program splits it. Nearly every program
 * splits it the way the Microsoft C runtime and CommandLineToArgvW do, so that is how PortLens
 * shows argv: the program name ends at the first space or, when it starts with a quote, at the
 * next quote (no escapes in it); in the arguments, 2n backslashes before a quote are n
 * backslashes and the quote opens or closes a quoted part, 2n+1 are n and a literal quote, `""`
 * inside a quoted part is a literal quote, and other backslashes are themselves.
 */

/** The argv a C-runtime program gets from `commandLine`. */
export function splitCommandLine(commandLine: string): string[] {
  const argv: string[] = [];
  let i: number;
  // The program name.
  if (commandLine.startsWith('"')) {
    const end = commandLine.indexOf('"', 1);
    argv.push(end < 0 ? commandLine.slice(1) : commandLine.slice(1, end));
    i = end < 0 ? commandLine.length : end + 1;
  } else {
    const end = commandLine.search(/[ \t]/);
    argv.push(end < 0 ? commandLine : commandLine.slice(0, end));
    i = end < 0 ? commandLine.length : end;
  }
  if (argv[0] === '' && i >= commandLine.length) return [];
  while (i < commandLine.length) {
    while (commandLine[i] === ' ' || commandLine[i] === '\t') i++;
    if (i >= commandLine.length) break;
    const [argument, next] = readArgument(commandLine, i);
    argv.push(argument);
    i = next;
  }
  return argv;
}

/** One argument starting at `start`, and where the next one may start. */
function readArgument(text: string, start: number): [string, number] {
  let argument = '';
  let quoted = false;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (!quoted && (c === ' ' || c === '\t')) break;
    if (c === '\\') {
      let slashes = 0;
      while (text[i] === '\\') {
        slashes++;
        i++;
      }
      if (text[i] === '"') {
        argument += '\\'.repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) {
          argument += '"';
          i++;
        }
      } else argument += '\\'.repeat(slashes);
      continue;
    }
    if (c === '"') {
      if (quoted && text[i + 1] === '"') {
        argument += '"';
        i += 2;
        continue;
      }
      quoted = !quoted;
      i++;
      continue;
    }
    argument += c;
    i++;
  }
  return [argument, i];
}

/** Quotes one argument so splitCommandLine gives it back (the inverse, for tests and relaunches). */
export function quoteArgument(argument: string): string {
  if (argument !== '' && !/[ \t"]/.test(argument)) return argument;
  let quoted = '"';
  let slashes = 0;
  for (const c of argument) {
    if (c === '\\') {
      slashes++;
      continue;
    }
    quoted += c === '"' ? `${'\\'.repeat(slashes * 2 + 1)}"` : `${'\\'.repeat(slashes)}${c}`;
    slashes = 0;
  }
  return `${quoted}${'\\'.repeat(slashes * 2)}"`;
}
