// CSV of extensions for the bulk import, parsed in the browser: "number;password;name[;maxDevices]" like the
// directory's own import file, or "," as separator, quotes as in RFC 4180, "#" comment lines, an optional header.
const COLUMNS = ['number', 'password', 'displayName', 'maxDevices'];
const HEADER_NAMES = { number: 'number', extension: 'number', password: 'password', name: 'displayName',
  displayname: 'displayName', maxdevices: 'maxDevices', devices: 'maxDevices' };

/** Splits one line into cells. */
export function cells(line, sep) {
  const out = [];
  let cur = ''; let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"' && cur === '') quoted = true;
    else if (ch === sep) { out.push(cur.trim()); cur = ''; } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * The rows of a CSV text: {line, body} for good rows (body as POST /api/extensions takes it), {line, field, error}
 * for rows that cannot be sent. Line numbers count every line of the file from 1.
 */
export function parseExtensions(text) {
  const lines = text.split(/\r?\n/);
  const first = lines.find((l) => l.trim() && !l.trim().startsWith('#')) || '';
  const sep = first.includes(';') ? ';' : ',';
  let columns = COLUMNS;
  const rows = [];
  let headerSeen = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const c = cells(line, sep);
    if (!headerSeen) {
      headerSeen = true;
      const names = c.map((x) => HEADER_NAMES[x.toLowerCase().replace(/[^a-z]/g, '')]);
      if (names.every(Boolean)) { columns = names; return; }
    }
    const row = { line: i + 1 };
    const body = {};
    columns.forEach((name, k) => { if (c[k] !== undefined && c[k] !== '') body[name] = c[k]; });
    if (c.length > columns.length) Object.assign(row, { field: null, error: 'columns' });
    else if (!body.number) Object.assign(row, { field: 'number', error: 'missing' });
    else if (!body.password) Object.assign(row, { field: 'password', error: 'missing' });
    else if (body.maxDevices !== undefined && !/^[0-9]+$/.test(body.maxDevices)) Object.assign(row, { field: 'maxDevices', error: 'number' });
    if (body.maxDevices !== undefined && !row.error) body.maxDevices = Number(body.maxDevices);
    row.number = body.number || '';
    if (!row.error) row.body = body;
    rows.push(row);
  });
  return rows;
}
