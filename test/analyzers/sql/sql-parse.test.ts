import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  extractTableAccesses,
  fromTemplateParts,
  isTemplateHole,
  loadSqlParser,
  normalizeSql,
  toTableId,
  type AccessMode,
  type SqlDialectHint,
  type SqlForeignKey,
  type SqlTableAccess,
  type SqlTransactionCommand,
} from '../../../analyzers/sql/sql-parse.js';

before(async () => loadSqlParser());

const access =
  (mode: AccessMode) =>
  (table: string, statementIndex = 0): SqlTableAccess => ({ table, mode, statementIndex });
const r = access('read');
const w = access('write');
const ddl = access('ddl');

interface ExtractionCase {
  name: string;
  sql: string;
  hint?: SqlDialectHint;
  expected: {
    accesses: SqlTableAccess[];
    foreignKeys?: SqlForeignKey[];
    views?: string[];
    statementKinds?: string[];
    transactionCommands?: SqlTransactionCommand[];
    /** Defaults: ok true, bestEffort false, dynamicTables 0. */
    ok?: boolean;
    bestEffort?: boolean;
    dynamicTables?: number;
  };
}

const cases: ExtractionCase[] = [
  {
    name: 'plain SELECT with joins',
    sql: `SELECT u.id, o.total FROM users u
          JOIN orders o ON o.user_id = u.id
          LEFT JOIN payments p USING (order_id)
          CROSS JOIN currencies WHERE u.id = $1`,
    expected: { accesses: [r('currencies'), r('orders'), r('payments'), r('users')], statementKinds: ['SelectStmt'] },
  },
  {
    name: 'subqueries in WHERE (IN, EXISTS, scalar)',
    sql: `SELECT * FROM users u
          WHERE u.id IN (SELECT user_id FROM orders WHERE total > 10)
            AND EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id)
            AND u.plan = (SELECT max(id) FROM plans)`,
    expected: { accesses: [r('orders'), r('plans'), r('sessions'), r('users')] },
  },
  {
    name: 'CTE with INSERT … RETURNING: the CTE name is not a table',
    sql: `WITH inserted AS (INSERT INTO audit_log (action) VALUES ($1) RETURNING id)
          INSERT INTO audit_links (audit_id, user_id) SELECT id, $2 FROM inserted`,
    expected: { accesses: [w('audit_links'), w('audit_log')], statementKinds: ['InsertStmt'] },
  },
  {
    name: 'recursive CTE',
    sql: `WITH RECURSIVE tree AS (
            SELECT id, parent_id FROM categories WHERE parent_id IS NULL
            UNION ALL
            SELECT c.id, c.parent_id FROM categories c JOIN tree ON c.parent_id = tree.id)
          SELECT * FROM tree`,
    expected: { accesses: [r('categories')] },
  },
  {
    name: 'CTE shadows an unqualified table but not a qualified one; its own body sees the real table',
    sql: `WITH users AS (SELECT * FROM users WHERE active)
          SELECT * FROM users JOIN public.users pu ON pu.id = users.id JOIN billing.users bu ON true`,
    expected: { accesses: [r('billing.users'), r('users')] },
  },
  {
    name: 'CTE named like a table does not hide a write to that table',
    sql: `WITH orders AS (SELECT 1 AS id) UPDATE orders SET total = 0 WHERE id IN (SELECT id FROM orders)`,
    expected: { accesses: [w('orders')] },
  },
  {
    name: 'UPDATE … FROM reads the FROM tables',
    sql: `UPDATE accounts a SET balance = a.balance + t.amount
          FROM transfers t JOIN ledgers l ON l.id = t.ledger_id
          WHERE t.account_id = a.id`,
    expected: { accesses: [w('accounts'), r('ledgers'), r('transfers')], statementKinds: ['UpdateStmt'] },
  },
  {
    name: 'DELETE … USING reads the USING tables',
    sql: `DELETE FROM sessions s USING users u WHERE s.user_id = u.id AND u.deleted_at IS NOT NULL`,
    expected: { accesses: [w('sessions'), r('users')] },
  },
  {
    name: 'INSERT … ON CONFLICT DO UPDATE … RETURNING',
    sql: `INSERT INTO inventory (sku, qty) VALUES ($1, $2)
          ON CONFLICT (sku) DO UPDATE SET qty = inventory.qty + excluded.qty RETURNING *`,
    expected: { accesses: [w('inventory')] },
  },
  {
    name: 'INSERT … SELECT with a subquery',
    sql: `INSERT INTO archive.orders SELECT * FROM orders WHERE id IN (SELECT order_id FROM refunds)`,
    expected: { accesses: [w('archive.orders'), r('orders'), r('refunds')] },
  },
  {
    name: 'MERGE writes the target and reads the source',
    sql: `MERGE INTO stock s USING (SELECT sku, sum(qty) AS qty FROM deliveries GROUP BY sku) d ON s.sku = d.sku
          WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty
          WHEN NOT MATCHED THEN INSERT (sku, qty) VALUES (d.sku, d.qty)`,
    expected: { accesses: [r('deliveries'), w('stock')], statementKinds: ['MergeStmt'] },
  },
  {
    name: 'window functions with a named WINDOW',
    sql: `SELECT id, row_number() OVER w, sum(total) OVER (PARTITION BY user_id ORDER BY created_at)
          FROM orders WINDOW w AS (PARTITION BY user_id ORDER BY created_at DESC)`,
    expected: { accesses: [r('orders')] },
  },
  {
    name: 'LATERAL join',
    sql: `SELECT u.id, last.created_at FROM users u
          LEFT JOIN LATERAL (SELECT created_at FROM logins l WHERE l.user_id = u.id ORDER BY 1 DESC LIMIT 1) last ON true`,
    expected: { accesses: [r('logins'), r('users')] },
  },
  {
    name: 'schema-qualified names: public is dropped, other schemas are kept',
    sql: `SELECT * FROM "public"."users" u JOIN public.users u2 ON true JOIN billing.invoices i ON i.user_id = u.id`,
    expected: { accesses: [r('billing.invoices'), r('users')] },
  },
  {
    name: 'quoted names keep their case, unquoted ones are folded',
    sql: `SELECT * FROM "Order" o JOIN "Order Items" oi ON oi.order_id = o.id JOIN Customers c ON true
          WHERE o.id = $1::uuid`,
    expected: { accesses: [r('Order'), r('Order Items'), r('customers')] },
  },
  {
    name: '$n parameters, jsonb operators, ANY and array casts',
    sql: `SELECT * FROM documents WHERE data->>'kind' = $1 AND tags @> ARRAY[$2]::text[]
          AND owner_id = ANY($3::uuid[]) AND title ILIKE $4`,
    hint: 'postgres',
    expected: { accesses: [r('documents')] },
  },
  {
    name: '? placeholders (mysql2) and LIMIT offset, count',
    sql: 'SELECT * FROM users WHERE email = ? AND status IN (?, ?) LIMIT ?, ?',
    hint: 'mysql',
    expected: { accesses: [r('users')] },
  },
  {
    name: '? placeholders with the unknown hint; a ? after an operand is the jsonb operator',
    sql: `SELECT * FROM documents WHERE data ? 'kind' AND id = ?`,
    expected: { accesses: [r('documents')] },
  },
  {
    name: ':name replacements (Sequelize), repeated names, ::cast is not a parameter',
    sql: `SELECT * FROM users WHERE id = :id AND created_at > :since::timestamptz AND name::text <> :id`,
    hint: 'sequelize',
    expected: { accesses: [r('users')] },
  },
  {
    name: '::text casts are not mistaken for :name parameters',
    sql: `SELECT id::text, (meta->>'n')::int FROM events WHERE kind = :kind AND at::date = now()::date`,
    hint: 'sequelize',
    expected: { accesses: [r('events')] },
  },
  {
    name: '$name bind parameters (Sequelize) and :...spread (TypeORM)',
    sql: `SELECT * FROM users WHERE id = $id AND role IN (:...roles)`,
    hint: 'sequelize',
    expected: { accesses: [r('users')] },
  },
  {
    name: 'MySQL backticks, backslash escapes and # comments',
    sql: "SELECT `u`.`id` FROM `users` `u` JOIN `Order` o ON o.uid = `u`.`id` # trailing comment\nWHERE `u`.`name` = 'it\\'s ?' AND `u`.`id` = ?",
    hint: 'mysql',
    expected: { accesses: [r('Order'), r('users')] },
  },
  {
    name: 'MySQL INSERT … ON DUPLICATE KEY UPDATE, INSERT IGNORE and REPLACE INTO',
    sql: `INSERT INTO counters (k, n) VALUES (?, 1) ON DUPLICATE KEY UPDATE n = n + 1;
          INSERT IGNORE INTO tags (name) VALUES (?);
          REPLACE INTO settings (k, v) VALUES (?, ?)`,
    hint: 'mysql',
    expected: { accesses: [w('counters'), w('settings', 2), w('tags', 1)] },
  },
  {
    name: 'knex ?? identifier binding is an interpolated table',
    sql: 'select * from ?? where id = ?',
    expected: { accesses: [], dynamicTables: 1 },
  },
  {
    name: 'TRUNCATE several tables',
    sql: 'TRUNCATE TABLE sessions, audit.events RESTART IDENTITY CASCADE',
    expected: { accesses: [w('audit.events'), w('sessions')], statementKinds: ['TruncateStmt'] },
  },
  {
    name: 'SELECT INTO writes the new table',
    sql: 'SELECT id, email INTO TEMP active_users FROM users WHERE active',
    expected: { accesses: [w('active_users'), r('users')] },
  },
  {
    name: 'CREATE TABLE AS is ddl',
    sql: 'CREATE TABLE report_2024 AS SELECT * FROM orders WHERE year = 2024',
    expected: { accesses: [r('orders'), ddl('report_2024')], statementKinds: ['CreateTableAsStmt'] },
  },
  {
    name: 'CREATE TABLE with column REFERENCES and a table FOREIGN KEY',
    sql: `CREATE TABLE IF NOT EXISTS order_items (
            id serial PRIMARY KEY,
            order_id int NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
            product_sku text,
            FOREIGN KEY (product_sku) REFERENCES catalog."Products" (sku))`,
    expected: {
      accesses: [ddl('order_items')],
      foreignKeys: [
        { from: 'order_items', to: 'catalog.Products', columns: ['product_sku'], referencedColumns: ['sku'] },
        { from: 'order_items', to: 'orders', columns: ['order_id'], referencedColumns: ['id'] },
      ],
      statementKinds: ['CreateStmt'],
    },
  },
  {
    name: 'ALTER TABLE ONLY … ADD CONSTRAINT … FOREIGN KEY',
    sql: `ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id, tenant_id)
          REFERENCES public.users (id, tenant_id)`,
    expected: {
      accesses: [ddl('orders')],
      foreignKeys: [{ from: 'orders', to: 'users', columns: ['user_id', 'tenant_id'], referencedColumns: ['id', 'tenant_id'] }],
    },
  },
  {
    name: 'ALTER TABLE ADD COLUMN … REFERENCES (primary key implied)',
    sql: 'ALTER TABLE invoices ADD COLUMN customer_id int REFERENCES customers',
    expected: {
      accesses: [ddl('invoices')],
      foreignKeys: [{ from: 'invoices', to: 'customers', columns: ['customer_id'], referencedColumns: [] }],
    },
  },
  {
    name: 'ALTER TABLE … RENAME TO touches both names',
    sql: 'ALTER TABLE customers RENAME TO clients',
    expected: { accesses: [ddl('clients'), ddl('customers')] },
  },
  {
    name: 'CREATE OR REPLACE VIEW',
    sql: `CREATE OR REPLACE VIEW reporting.active_users AS
          SELECT u.* FROM users u WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id)`,
    expected: {
      accesses: [ddl('reporting.active_users'), r('sessions'), r('users')],
      views: ['reporting.active_users'],
      statementKinds: ['ViewStmt'],
    },
  },
  {
    name: 'CREATE MATERIALIZED VIEW',
    sql: 'CREATE MATERIALIZED VIEW daily_totals AS SELECT date(created_at), sum(total) FROM orders GROUP BY 1',
    expected: { accesses: [ddl('daily_totals'), r('orders')], views: ['daily_totals'] },
  },
  {
    name: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS with an expression',
    sql: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users USING btree (lower(email))',
    expected: { accesses: [ddl('users')], statementKinds: ['IndexStmt'] },
  },
  {
    name: 'DROP TABLE several tables; DROP INDEX touches no table',
    sql: 'DROP TABLE IF EXISTS old_sessions, archive.old_orders CASCADE; DROP INDEX users_email_idx',
    expected: { accesses: [ddl('archive.old_orders'), ddl('old_sessions')], statementKinds: ['DropStmt', 'DropStmt'] },
  },
  {
    name: 'CREATE TABLE … PARTITION OF is ddl on the parent; LIKE reads the template table',
    sql: 'CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM (1) TO (2); CREATE TABLE t2 (LIKE t1)',
    expected: { accesses: [ddl('events'), ddl('events_2024'), r('t1', 1), ddl('t2', 1)] },
  },
  {
    name: 'CREATE TRIGGER is ddl on its table',
    sql: 'CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit()',
    expected: { accesses: [ddl('orders')] },
  },
  {
    name: 'DROP TRIGGER / POLICY / RULE … ON t are ddl on t (schema-qualified too)',
    sql: 'DROP TRIGGER IF EXISTS memories_updated_at ON public.memories; DROP POLICY tenant_rls ON audit.events; DROP RULE no_delete ON orders',
    expected: { accesses: [ddl('audit.events', 1), ddl('memories'), ddl('orders', 2)], statementKinds: ['DropStmt', 'DropStmt', 'DropStmt'] },
  },
  {
    name: 'REINDEX TABLE t is ddl on t; REINDEX INDEX and DROP FUNCTION touch no table',
    sql: 'REINDEX TABLE CONCURRENTLY "Assets"; REINDEX INDEX users_email_idx; DROP FUNCTION IF EXISTS audit()',
    expected: { accesses: [ddl('Assets')], statementKinds: ['ReindexStmt', 'ReindexStmt', 'DropStmt'] },
  },
  {
    name: 'LANGUAGE sql function body is parsed again',
    sql: `CREATE FUNCTION order_count(uid int) RETURNS bigint LANGUAGE sql STABLE AS $$
            SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id WHERE u.id = uid
          $$`,
    expected: { accesses: [r('orders'), r('users')], statementKinds: ['CreateFunctionStmt'] },
  },
  {
    name: 'BEGIN ATOMIC function body',
    sql: `CREATE FUNCTION close_order(oid int) RETURNS void LANGUAGE sql
          BEGIN ATOMIC UPDATE orders SET closed = true WHERE id = oid; DELETE FROM carts WHERE order_id = oid; END`,
    expected: { accesses: [w('carts'), w('orders')] },
  },
  {
    name: 'PL/pgSQL trigger function: statements and subqueries in expressions',
    sql: `CREATE FUNCTION audit_order() RETURNS trigger LANGUAGE plpgsql AS $$
          DECLARE n int;
          BEGIN
            IF EXISTS (SELECT 1 FROM audit_settings WHERE enabled) THEN
              INSERT INTO audit_log (order_id) VALUES (NEW.id);
            END IF;
            n := (SELECT count(*) FROM order_lines WHERE order_id = NEW.id);
            SELECT count(*) INTO n FROM refunds WHERE order_id = NEW.id;
            RETURN NEW;
          END $$`,
    expected: { accesses: [w('audit_log'), r('audit_settings'), r('order_lines'), r('refunds')] },
  },
  {
    name: 'DO block',
    sql: `DO $$ BEGIN UPDATE feature_flags SET enabled = false WHERE name = 'beta'; END $$`,
    expected: { accesses: [w('feature_flags')], statementKinds: ['DoStmt'] },
  },
  {
    name: 'BEGIN/COMMIT give no access but are reported',
    sql: 'BEGIN; UPDATE accounts SET balance = balance - $1 WHERE id = $2; SAVEPOINT s1; INSERT INTO transfers (amount) VALUES ($1); COMMIT;',
    expected: {
      accesses: [w('accounts', 1), w('transfers', 3)],
      statementKinds: ['TransactionStmt', 'UpdateStmt', 'TransactionStmt', 'InsertStmt', 'TransactionStmt'],
      transactionCommands: [
        { statementIndex: 0, command: 'begin' },
        { statementIndex: 2, command: 'savepoint' },
        { statementIndex: 4, command: 'commit' },
      ],
    },
  },
  {
    name: 'multi-statement string: every statement, first index per (table, mode)',
    sql: `SELECT * FROM users WHERE id = 1; UPDATE users SET seen = now(); SELECT * FROM users JOIN orders ON true;
          -- a comment
          DELETE FROM orders WHERE id = 3`,
    expected: {
      accesses: [r('orders', 2), w('orders', 3), r('users', 0), w('users', 1)],
      statementKinds: ['SelectStmt', 'UpdateStmt', 'SelectStmt', 'DeleteStmt'],
    },
  },
  {
    name: 'FOR UPDATE OF names an alias, not a table',
    sql: 'SELECT * FROM jobs j WHERE state = $1 ORDER BY id LIMIT 1 FOR UPDATE OF j SKIP LOCKED',
    expected: { accesses: [r('jobs')] },
  },
  {
    name: 'COPY FROM writes, COPY TO reads',
    sql: 'COPY imports FROM STDIN; COPY (SELECT * FROM exports_view) TO STDOUT; COPY users TO STDOUT',
    expected: { accesses: [r('exports_view', 1), w('imports'), r('users', 2)] },
  },
  {
    name: 'GRANT and LOCK name tables without reading them',
    sql: 'GRANT SELECT ON users TO reporting; LOCK TABLE accounts IN EXCLUSIVE MODE',
    expected: { accesses: [], statementKinds: ['GrantStmt', 'LockStmt'] },
  },
  {
    name: 'template holes: value and identifier positions',
    sql: fromTemplateParts(['SELECT * FROM ', ' t JOIN users u ON u.id = t.user_id WHERE t.id = ', ' AND u.role IN ', '']),
    expected: { accesses: [r('users')], dynamicTables: 1 },
  },
  {
    name: 'template holes: UPDATE target, glued table name, quoted identifier',
    sql: fromTemplateParts(['UPDATE ', ' SET n = ', '; SELECT * FROM audit_', ' a, "', '" b']),
    expected: { accesses: [], dynamicTables: 3, statementKinds: ['UpdateStmt', 'SelectStmt'] },
  },
  {
    name: 'template hole as schema keeps the table',
    sql: fromTemplateParts(['INSERT INTO ', '.events (kind) VALUES (', ')']),
    expected: { accesses: [w('events')] },
  },
  {
    name: 'template hole as a trailing clause fragment',
    sql: fromTemplateParts(['SELECT * FROM orders ', ' ORDER BY ', '']),
    expected: { accesses: [r('orders')] },
  },
  {
    name: '${…} left in the text is resolved by the normaliser too',
    sql: 'DELETE FROM ${this.table} WHERE id = ${id}',
    expected: { accesses: [], dynamicTables: 1, statementKinds: ['DeleteStmt'] },
  },
  {
    name: 'unparseable string: regex fallback',
    sql: 'SELEC * FROM users u JOIN orders o ON o.uid = u.id WHERE extract(year FROM created_at) = 2024',
    expected: { accesses: [r('orders'), r('users')], ok: false, bestEffort: true, statementKinds: ['Unparsed'] },
  },
  {
    name: 'unparseable statement among good ones: only it falls back',
    sql: `SELECT * FROM a; INSERT INTO b VALUES (1) RETURNIN x; UPDATE c SET x = 1 FROM d`,
    expected: {
      accesses: [r('a'), w('b', 1), w('c', 2), r('d', 2)],
      ok: false,
      bestEffort: true,
      statementKinds: ['SelectStmt', 'Unparsed', 'UpdateStmt'],
    },
  },
  {
    name: 'fallback: write keywords, IS DISTINCT FROM and FOR UPDATE are not tables',
    sql: `UPDATE t1 SET a = 1 WHERE b IS DISTINCT FROM c AND ??? ; DELETE FROM t2 WHERE x FOR UPDATE SKIP`,
    hint: 'postgres',
    expected: { accesses: [w('t1'), w('t2', 1)], ok: false, bestEffort: true },
  },
  {
    name: 'empty and comment-only input',
    sql: '  -- nothing here\n /* or here */ ',
    expected: { accesses: [], statementKinds: [] },
  },
];

describe('extractTableAccesses', () => {
  for (const { name, sql, hint, expected } of cases) {
    test(name, () => {
      const result = extractTableAccesses(sql, hint);
      assert.deepEqual(result.accesses, expected.accesses);
      assert.equal(result.ok, expected.ok ?? true, result.error?.message);
      assert.equal(result.bestEffort, expected.bestEffort ?? false);
      assert.equal(result.dynamicTables, expected.dynamicTables ?? 0);
      assert.deepEqual(result.foreignKeys, expected.foreignKeys ?? []);
      assert.deepEqual(result.views, expected.views ?? []);
      if (expected.statementKinds !== undefined) assert.deepEqual(result.statementKinds, expected.statementKinds);
      assert.deepEqual(result.transactionCommands, expected.transactionCommands ?? []);
      assert.equal(result.error === undefined, result.ok);
    });
  }
});

describe('parser error offsets point into the original text', () => {
  const errorCases: { name: string; sql: string; hint?: SqlDialectHint; at: string; message: RegExp }[] = [
    { name: 'plain syntax error', sql: 'SELECT * FROM users WHERE id = 1 ORDER BY', at: '', message: /end of input/ },
    { name: 'second statement', sql: 'SELECT 1; SELEC x FROM y', at: 'SELEC x', message: /SELEC/ },
    {
      name: 'after placeholders that the normaliser lengthened',
      sql: 'SELECT * FROM `t` WHERE a IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND b = :b GROUP x',
      hint: 'mysql',
      at: 'x',
      message: /syntax error/,
    },
    {
      name: 'after removed and shortened MySQL syntax',
      sql: 'INSERT IGNORE INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ; SELECT FROM WHERE',
      hint: 'mysql',
      at: 'WHERE',
      message: /WHERE/,
    },
    { name: 'after multi-byte characters', sql: "SELECT '🎉éé' AS x FROM t WHER y", at: 'y', message: /"y"/ },
    { name: 'unterminated string', sql: "SELECT * FROM t WHERE a = 'oops", at: "'oops", message: /unterminated/ },
  ];
  for (const { name, sql, hint, at, message } of errorCases) {
    test(name, () => {
      const result = extractTableAccesses(sql, hint);
      assert.equal(result.ok, false);
      assert.ok(result.error !== undefined);
      assert.match(result.error.message, message);
      assert.equal(result.error.offset, at === '' ? sql.length : sql.lastIndexOf(at));
    });
  }
});

describe('normalizeSql', () => {
  const normalizeCases: { name: string; sql: string; hint?: SqlDialectHint; expected: string }[] = [
    { name: '? in order', sql: 'a = ? AND b IN (?, ?)', hint: 'mysql', expected: 'a = $1 AND b IN ($2, $3)' },
    { name: '? left alone for postgres', sql: "data ? 'k' AND x = $1", hint: 'postgres', expected: "data ? 'k' AND x = $1" },
    { name: '?| and ?& stay operators', sql: "j ?| array['a'] AND j ?& b AND id = ?", expected: "j ?| array['a'] AND j ?& b AND id = $1" },
    { name: '? inside strings, quoted identifiers and comments', sql: `'?' "?" -- ?\n/* ? */ ?`, hint: 'mysql', expected: `'?' "?" -- ?\n/* ? */ $1` },
    { name: 'knex ?? and \\?', sql: 'select ?? from t where j \\? ?', expected: 'select __seams_hole_b1__ from t where j  ? $2' },
    { name: ':name numbered after existing $n, repeated names share a number', sql: 'a = $1 AND b = :b AND c = :c AND d = :b', expected: 'a = $1 AND b = $2 AND c = $3 AND d = $2' },
    { name: '::cast and array slices stay', sql: "x::text, y[1:2], z[lo:hi], ':s'", expected: "x::text, y[1:2], z[lo:hi], ':s'" },
    { name: 'backticks', sql: 'SELECT `a`.`b` FROM `We"ird`', hint: 'mysql', expected: 'SELECT "a"."b" FROM "We""ird"' },
    { name: 'MySQL LIMIT offset, count', sql: 'SELECT f(a, b) FROM t LIMIT 5, 10', hint: 'mysql', expected: 'SELECT f(a, b) FROM t LIMIT 5 OFFSET  10' },
    { name: 'MySQL escaped quote', sql: "x = 'it\\'s'", hint: 'mysql', expected: "x = 'it''s'" },
    { name: 'dollar quotes are opaque', sql: 'AS $fn$ SELECT :a, ? $fn$', hint: 'mysql', expected: 'AS $fn$ SELECT :a, ? $fn$' },
    { name: 'E-strings with backslash escapes', sql: "E'\\':x' = :y", expected: "E'\\':x' = $1" },
    { name: 'ON DUPLICATE KEY UPDATE dropped to the end of the statement', sql: 'INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 1; SELECT 1', hint: 'mysql', expected: 'INSERT INTO t VALUES (1) ; SELECT 1' },
  ];
  for (const { name, sql, hint, expected } of normalizeCases) {
    test(name, () => assert.equal(normalizeSql(sql, hint), expected));
  }
});

describe('fromTemplateParts', () => {
  const templateCases: { name: string; quasis: string[]; expected: string }[] = [
    { name: 'no holes', quasis: ['SELECT 1'], expected: 'SELECT 1' },
    { name: 'table after FROM, value after =', quasis: ['SELECT * FROM ', ' WHERE id = ', ''], expected: 'SELECT * FROM __seams_hole_1__ WHERE id = $2' },
    { name: 'IN and VALUES get parentheses', quasis: ['SELECT 1 FROM t WHERE id IN ', '; INSERT INTO t VALUES ', ''], expected: 'SELECT 1 FROM t WHERE id IN ($1); INSERT INTO t VALUES ($2)' },
    { name: 'second table in a FROM list', quasis: ['SELECT * FROM a, ', ' WHERE x = ', ''], expected: 'SELECT * FROM a, __seams_hole_1__ WHERE x = $2' },
    { name: 'a comma in the SELECT list is a value', quasis: ['SELECT a, ', ' FROM t'], expected: 'SELECT a, $1 FROM t' },
    { name: 'schema and column next to a dot', quasis: ['SELECT t.', ' FROM ', '.t'], expected: 'SELECT t.__seams_hole_1__ FROM __seams_hole_2__.t' },
    { name: 'glued to a name', quasis: ['SELECT * FROM logs_', '_archive'], expected: 'SELECT * FROM logs___seams_hole_1___archive' },
    { name: 'in strings and quoted identifiers', quasis: [`SELECT '%`, `%' FROM "`, `"`], expected: `SELECT '%__seams_hole_1__%' FROM "__seams_hole_2__"` },
    { name: 'INSERT column list and ON CONFLICT target', quasis: ['INSERT INTO t (', ') VALUES ($1) ON CONFLICT (', ') DO NOTHING'], expected: 'INSERT INTO t (__seams_hole_1__) VALUES ($1) ON CONFLICT (__seams_hole_2__) DO NOTHING' },
    { name: 'SET assignments', quasis: ['UPDATE t SET ', ' WHERE id = ', ''], expected: 'UPDATE t SET __seams_hole_1__ = NULL WHERE id = $2' },
    { name: 'fragment after an operand is removed', quasis: ['SELECT * FROM t ', ' LIMIT ', ''], expected: 'SELECT * FROM t  LIMIT $2' },
    { name: 'CREATE INDEX … ON and IF EXISTS', quasis: ['CREATE INDEX i ON ', ' (x); DROP TABLE IF EXISTS ', ''], expected: 'CREATE INDEX i ON __seams_hole_1__ (x); DROP TABLE IF EXISTS __seams_hole_2__' },
    { name: 'type after ::', quasis: ['SELECT $1::', ''], expected: 'SELECT $1::__seams_hole_1__' },
    { name: '? and :name are left for normalizeSql', quasis: ['SELECT * FROM t WHERE a = ? AND b = :b AND c = ', ''], expected: 'SELECT * FROM t WHERE a = ? AND b = :b AND c = $1' },
  ];
  for (const { name, quasis, expected } of templateCases) {
    test(name, () => assert.equal(fromTemplateParts(quasis), expected));
  }
  test('isTemplateHole recognises the invented names', () => {
    assert.equal(isTemplateHole('__seams_hole_3__'), true);
    assert.equal(isTemplateHole('logs___seams_hole_1__'), true);
    assert.equal(isTemplateHole('users'), false);
  });
});

describe('toTableId', () => {
  const idCases: { schema: string | undefined; name: string; expected: string }[] = [
    { schema: undefined, name: 'Users', expected: 'users' },
    { schema: undefined, name: '"Order"', expected: 'Order' },
    { schema: undefined, name: '`Order`', expected: 'Order' },
    { schema: 'public', name: 'users', expected: 'users' },
    { schema: 'PUBLIC', name: 'users', expected: 'users' },
    { schema: '"Public"', name: 'users', expected: 'Public.users' },
    { schema: 'Billing', name: 'Invoices', expected: 'billing.invoices' },
    { schema: undefined, name: 'billing.invoices', expected: 'billing.invoices' },
    { schema: undefined, name: 'public."Order Items"', expected: 'Order Items' },
    { schema: undefined, name: '"a.b"', expected: 'a.b' },
    { schema: undefined, name: '"say ""hi"""', expected: 'say "hi"' },
  ];
  for (const { schema, name, expected } of idCases) {
    test(`${String(schema)} + ${name} → ${expected}`, () => assert.equal(toTableId(schema, name), expected));
  }
});

describe('never throws', () => {
  const garbage = ['', ';;;', '${', '`', "'", '"', '$$', 'SELECT $tag$ unterminated', '/* unterminated', '???', ':::', '\u0000', '(((('];
  for (const sql of garbage) {
    test(JSON.stringify(sql), () => {
      for (const hint of ['postgres', 'mysql', 'sequelize', 'unknown'] as const) {
        const result = extractTableAccesses(sql, hint);
        assert.ok(Array.isArray(result.accesses));
        assert.equal(typeof normalizeSql(sql, hint), 'string');
      }
    });
  }
});
