// Unit tests of the page's CSV reader (bundles/org.plugboard.web/.../csv.js), run in Node without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cells, parseExtensions } from '../../../bundles/org.plugboard.web/src/main/resources/ui/js/csv.js';

test('the directory import format: semicolons, comments, no header, line numbers of the file', () => {
  const rows = parseExtensions('# demo\n1001;demo1001pw;Alice\n\n1002;demo1002pw;Bob;2\n');
  assert.deepEqual(rows.map((r) => [r.line, r.body]), [
    [2, { number: '1001', password: 'demo1001pw', displayName: 'Alice' }],
    [4, { number: '1002', password: 'demo1002pw', displayName: 'Bob', maxDevices: 2 }]]);
});

test('a header names the columns in any order; commas and quotes as in RFC 4180', () => {
  const rows = parseExtensions('name,number,password\n"Smith, ""Jo""",2001,pw-2001-x\n');
  assert.deepEqual(rows[0].body, { displayName: 'Smith, "Jo"', number: '2001', password: 'pw-2001-x' });
  assert.deepEqual(cells('a;"b;c";d', ';'), ['a', 'b;c', 'd']);
});

test('a row that cannot be sent names its line and field and carries no body', () => {
  const rows = parseExtensions('3001;;Ann\n;pw;Ben\n3003;pw-3003-x;Cy;two\n3004;pw;Dee;1;extra\n');
  assert.deepEqual(rows.map((r) => [r.line, r.field, r.error, r.body]), [
    [1, 'password', 'missing', undefined], [2, 'number', 'missing', undefined],
    [3, 'maxDevices', 'number', undefined], [4, null, 'columns', undefined]]);
});
