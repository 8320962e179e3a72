import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect, rowsOf } from '../detect.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  {
    name: 'static reads and writes on an imported model',
    text: "import { Op } from 'sequelize';\nimport { Invoice } from './models';\nInvoice.findAll({ where });\nInvoice.findByPk(id);\nInvoice.count();\nInvoice.create(row);\nInvoice.update(values, { where });\nInvoice.destroy({ where });\nInvoice.bulkCreate(rows);\nInvoice.upsert(row);\nInvoice.findOrCreate({ where });\nInvoice.sum('total');\nInvoice.increment('n', { where });",
    rows: [
      '3 read ./models#Invoice sequelize',
      '4 read ./models#Invoice sequelize',
      '5 read ./models#Invoice sequelize',
      '6 write ./models#Invoice sequelize',
      '7 write ./models#Invoice sequelize',
      '8 write ./models#Invoice sequelize',
      '9 write ./models#Invoice sequelize',
      '10 write ./models#Invoice sequelize',
      '11 write ./models#Invoice sequelize',
      '12 read ./models#Invoice sequelize',
      '13 write ./models#Invoice sequelize',
    ],
  },
  {
    name: 'an imported model in a file that does not import Sequelize (lower confidence)',
    text: "import { LedgerEntry } from '../models';\nconst [, created] = await LedgerEntry.findOrCreate({ where });",
    rows: ['2 write ../models#LedgerEntry sequelize 0.9'],
  },
  {
    name: 'a default-imported model',
    text: "import type { WhereOptions } from 'sequelize';\nimport Star from '@server/models/Star';\nawait Star.findAll({ where });",
    rows: ['3 read @server/models/Star#default sequelize'],
  },
  {
    name: 'scopes before the operation and suffixed helpers',
    text: "import { Sequelize } from 'sequelize';\nimport { Document, Share, Star } from '@server/models';\nDocument.unscoped().findAll({ where });\nShare.scope('withCollection').findOne({ where });\nStar.findOrCreateWithCtx(ctx, { where });\nDocument.findAllInBatches(query, cb);",
    rows: [
      '3 read @server/models#Document sequelize',
      '4 read @server/models#Share sequelize',
      '5 write @server/models#Star sequelize',
      '6 read @server/models#Document sequelize',
    ],
  },
  {
    name: 'a model defined in the same file',
    text: "import { DataTypes, Model } from 'sequelize';\nclass Invoice extends Model {}\nInvoice.init({ id: DataTypes.UUID }, { sequelize, tableName: 'invoices' });\nexport const open = () => Invoice.count({ where: { status: 'open' } });",
    rows: ['4 read Invoice sequelize'],
  },
  {
    name: 'a model from sequelize.define',
    text: "export const PaymentAttempt = sequelize.define('payment_attempts', {}, { freezeTableName: true });\nawait PaymentAttempt.create(row);",
    rows: ['2 write PaymentAttempt sequelize'],
  },
  {
    name: 'this in a static method of a model (the model) and in an instance method (its row)',
    text: "@Table({ tableName: 'users' })\nclass User extends Model {\n  static byEmail(email) {\n    return this.findOne({ where: { email } });\n  }\n  label() { return this.update({}); }\n}",
    rows: ['4 read User sequelize', '6 write User sequelize'],
  },
  {
    name: 'this.save() and this.reload() in an instance method of a model',
    text: "@Table({ tableName: 'user_authentications' })\nclass UserAuthentication extends Model {\n  async refresh(options) {\n    this.accessToken = 'x';\n    await this.save(options);\n    await this.reload();\n    this.toJSON();\n  }\n}",
    rows: ['5 write UserAuthentication sequelize', '6 read UserAuthentication sequelize'],
  },
  {
    name: 'a NestJS @InjectModel field',
    text: "import { InjectModel } from '@nestjs/sequelize';\nimport { Invoice } from './invoice.model';\nexport class InvoicesService {\n  constructor(@InjectModel(Invoice) private readonly invoiceModel: typeof Invoice) {}\n  @InjectModel(Invoice) other: typeof Invoice;\n  list() { return this.invoiceModel.findAll(); }\n  remove(id) { return this.other.destroy({ where: { id } }); }\n}",
    rows: ['6 read ./invoice.model#Invoice sequelize', '7 write ./invoice.model#Invoice sequelize'],
  },
  {
    name: 'instance writes on a variable assigned from a finder',
    text: "import { Op } from 'sequelize';\nimport { Invoice } from './models';\nconst invoice = await Invoice.findByPk(id);\nawait invoice.update({ status: 'paid' });\nawait invoice.reload();\nlet other;\nother = await Invoice.create(row);\nawait other.destroy();",
    rows: [
      '3 read ./models#Invoice sequelize',
      '4 write ./models#Invoice sequelize 0.8',
      '5 read ./models#Invoice sequelize 0.8',
      '7 write ./models#Invoice sequelize',
      '8 write ./models#Invoice sequelize 0.8',
    ],
  },
  {
    name: 'instance writes on variables and parameters typed as a model',
    text: "import { QueryTypes } from 'sequelize';\nimport { Invoice } from './models';\nlet invoice: Invoice;\nawait invoice.save();\nasync function pay(target: Invoice, note: string) { await target.increment('n'); }",
    rows: ['4 write ./models#Invoice sequelize 0.8', '5 write ./models#Invoice sequelize 0.8'],
  },
  {
    name: 'instance writes on the elements of findAll results and of Model[] parameters',
    text: [
      "import { Op } from 'sequelize';",
      "import { ApiKey, Share } from './models';",
      'const keys = await ApiKey.findAll({ where });',
      'await Promise.all(keys.map((key) => key.destroy()));',
      'for (const share of await Share.findAll()) await share.update({ revoked: true });',
      'function revoke(shares: Share[], other: Array<ApiKey>) {',
      '  shares.forEach(function (s) { s.save(); });',
      '  for (const k of other) k.reload();',
      '}',
    ].join('\n'),
    rows: [
      '3 read ./models#ApiKey sequelize',
      '4 write ./models#ApiKey sequelize 0.8',
      '5 read ./models#Share sequelize',
      '5 write ./models#Share sequelize 0.8',
      '7 write ./models#Share sequelize 0.8',
      '8 read ./models#ApiKey sequelize 0.8',
    ],
  },
  {
    name: 'the instance of a destructured findOrCreate, and build().save()',
    text: "import { Op } from 'sequelize';\nimport { LedgerEntry } from './models';\nconst [entry] = await LedgerEntry.findOrCreate({ where });\nawait entry.destroy();\nawait LedgerEntry.build(row).save();",
    rows: ['3 write ./models#LedgerEntry sequelize', '4 write ./models#LedgerEntry sequelize 0.8', '5 write ./models#LedgerEntry sequelize'],
  },
  {
    name: 'a model from a destructured CommonJS require',
    text: "const { User, Post: Article } = require('../models');\nconst Tag = require('../models/tag');\nUser.findAll();\nArticle.destroy({ where });\nTag.bulkCreate(rows);",
    rows: ['3 read ../models#User sequelize 0.9', '4 write ../models#Post sequelize 0.9', '5 write ../models/tag#default sequelize 0.9'],
  },
  {
    name: 'models reached through a registry object by name (sequelize-cli)',
    text: "const models = require('../models');\nmodels.Post.findAll({ where: { userId } });\nmodels.Post.create(row);\ndb.User.findByPk(id);\nthis.models.Comment.destroy({ where: { id } });\nsequelize.models.Like.count();\nmodels.User.scope('active').findOne({ include: [models.Post] });",
    rows: [
      '2 read Post sequelize 0.7',
      '3 write Post sequelize 0.7',
      '4 read User sequelize 0.7',
      '5 write Comment sequelize 0.7',
      '6 read Like sequelize 0.7',
      '7 read User sequelize 0.7',
    ],
  },
];

const ignored: { name: string; text: string }[] = [
  {
    name: 'elements of arrays that are not rows of a model (findAll of a non-model, a reduce accumulator, a non-model array type)',
    text: "import { Op } from 'sequelize';\nimport { ApiKey } from './models';\nconst items = await cache.findAll();\nitems.map((item) => item.destroy());\nfunction g(keys: ApiKey[]) { keys.reduce((acc, key) => acc.update(key), {}); }\nfunction f(list: string[]) { list.forEach((x) => x.save()); }",
  },
  { name: "Ghost's registry calls without Sequelize options (the objection detector reads them)", text: "const models = require('../../models');\nmodels.Post.findOne({ id }, { withRelated: ['tags'] });\nmodels.Post.destroy({ id });\nmodels.Post.edit(data, options);\nmodels.Tag.forge({ id }).fetch();" },
  { name: 'globals with model-like methods', text: "Object.create(null);\nPromise.all([]);\nArray.from(x);\nMath.max(1, 2);\nJSON.stringify({});\nReflect.apply(f);" },
  { name: 'upper-case requires of libraries', text: "const Decimal = require('decimal.js');\nconst AWS = require('aws-sdk');\nDecimal.max(a, b);\nAWS.config.update({ region });" },
  { name: 'upper-case imports from libraries', text: "import { DateTime } from 'luxon';\nimport Decimal from 'decimal.js';\nimport { Sequelize } from 'sequelize';\nimport { createHash } from 'node:crypto';\nDateTime.max(a, b);\nDecimal.sum(1, 2);\nSequelize.literal('x');" },
  { name: 'lower-case locals and non-model classes', text: "class Cache { static create() { return new Cache(); } }\nCache.create();\ncache.update(k, v);\nrepo.findOne({ where });\nmap.destroy();" },
  { name: 'models of a file that imports another ORM', text: "import mongoose from 'mongoose';\nimport { User } from './user.model';\nUser.findOne({ email });\nUser.create(row);" },
  { name: 'Mongoose-only methods on an imported model', text: "import { User } from './user.model';\nUser.updateOne({}, {});\nUser.countDocuments();\nUser.findOneAndUpdate({}, {});\nUser.findById(id);" },
  { name: 'an @InjectModel of a Mongoose model by name', text: "import { InjectModel } from '@nestjs/mongoose';\nclass S { constructor(@InjectModel(Cat.name) private catModel: Model<Cat>) {}\n  all() { return this.catModel.find(); } }" },
  { name: 'an increment that is not a model counter', text: "import Metrics from '@server/logging/Metrics';\nMetrics.increment('collaboration.connect', { doc });\nMetrics.decrement('jobs');" },
  { name: 'a namespace import', text: "import * as models from './models';\nmodels.User.findAll();" },
  { name: 'a static method call that is not an operation', text: "import { Invoice } from './models';\nInvoice.hasMany(Line);\nInvoice.init({}, { sequelize });\nInvoice.associate(models);" },
];

for (const { name, text, rows } of detected) {
  test(`sequelize: detects ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'sequelize'), rows);
  });
}

for (const { name, text } of ignored) {
  test(`sequelize: ignores ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'sequelize'), []);
  });
}

/** The Sequelize definitions of a file as `symbol=table@line`. */
function definitionsOf(text: string): string[] {
  return detect(text, 'src/models.ts').facts.tableDefinitions.filter((d) => d.via === 'sequelize').map((d) => `${d.symbol}=${d.table}@${d.line}`);
}

const definitions: { name: string; text: string; definitions: string[] }[] = [
  {
    name: 'Model.init with tableName and schema',
    text: "class Invoice extends Model {}\nInvoice.init({}, { sequelize, tableName: 'invoices', schema: 'billing' });",
    definitions: ['Invoice=billing.invoices@2'],
  },
  {
    name: 'Model.init without tableName: the pluralised class or modelName',
    text: "class Category extends Model {}\nCategory.init({}, { sequelize });\nclass Profile extends Model {}\nProfile.init({}, { sequelize, modelName: 'person' });\nclass LedgerEntry extends Model {}\nLedgerEntry.init({}, { sequelize, underscored: true });\nclass Status extends Model {}\nStatus.init({}, { sequelize, freezeTableName: true });",
    definitions: ['Category=Categories@2', 'Profile=people@4', 'LedgerEntry=ledger_entries@6', 'Status=Status@8'],
  },
  {
    name: 'sequelize.define, assigned to a const whose name differs from the table',
    text: "export const PaymentAttempt = sequelize.define('payment_attempts', {}, { freezeTableName: true });\nconst User = db.define('User', {});\nconst Box = this.sequelize.define('box', {}, { tableName: 'boxes_v2' });",
    definitions: ['PaymentAttempt=payment_attempts@1', 'User=Users@2', 'Box=boxes_v2@3'],
  },
  {
    name: 'the simple English pluraliser',
    text: "const A = sequelize.define('Company', {});\nconst B = sequelize.define('address', {});\nconst C = sequelize.define('Status', {});\nconst D = sequelize.define('news', {});\nconst E = sequelize.define('Child', {});\nconst F = sequelize.define('users', {});\nconst G = sequelize.define('Shelf', {});",
    definitions: ['A=Companies@1', 'B=addresses@2', 'C=Statuses@3', 'D=news@4', 'E=Children@5', 'F=users@6', 'G=Shelves@7'],
  },
  {
    name: 'sequelize-typescript @Table, with and without options',
    text: "@Table({ tableName: 'ledger_entries', underscored: true })\nexport class LedgerEntry extends Model {}\n@Table\nexport class Address extends Model {}\n@Table({ modelName: 'star' })\nexport default class Star extends IdModel {}",
    definitions: ['LedgerEntry=ledger_entries@2', 'Address=Addresses@4', 'Star=stars@6'],
  },
  {
    name: "sequelize-auto's super.init in a static method",
    text: "export default class users extends Model {\n  static init(sequelize, DataTypes) {\n    return super.init({}, { sequelize, tableName: 'users', schema: 'public' });\n  }\n}",
    definitions: ['users=users@1'],
  },
  {
    name: 'no definition for init calls that are not models',
    text: "i18next.init({ lng: 'en' }, callback);\nSentry.init({ dsn });\nconst el = customElements.define('my-el', El);",
    definitions: [],
  },
];

for (const { name, text, definitions: expected } of definitions) {
  test(`sequelize definitions: ${name}`, () => {
    assert.deepEqual(definitionsOf(text), expected);
  });
}

test('sequelize: foreign keys to and from imported models are recorded by symbol; two imported ends, or a library class, are not', () => {
  const text = [
    "import { Model, Table, BelongsTo, ForeignKey, HasMany } from 'sequelize-typescript';",
    "import User from './User';",
    "import { Team, Document } from './index';",
    "import { DateTime } from 'luxon';",
    "@Table({ tableName: 'shares' })",
    'class Share extends Model {',
    '  @ForeignKey(() => User) @Column userId: string;',
    '  @BelongsTo(() => User) user: User;',
    '  @HasMany(() => Document) documents: Document[];',
    '  @BelongsTo(() => DateTime) when: DateTime;',
    '}',
    'Team.belongsTo(User);',
  ].join('\n');
  const ref = (end: string, symbol?: { symbol: string; specifier?: string }) => end || `${symbol?.specifier}#${symbol?.symbol}`;
  assert.deepEqual(
    detect(text, 'src/models/Share.ts').facts.foreignKeys.map((fk) => `${ref(fk.from, fk.fromSymbol)}->${ref(fk.to, fk.toSymbol)}@${fk.line}`),
    ['shares->./User#default@7', './index#Document->shares@9'],
  );
});

test('sequelize: foreign keys from decorators and associations between models of the file', () => {
  const text = [
    "@Table({ tableName: 'invoices' })",
    'class Invoice extends Model {',
    '  @HasMany(() => Line) lines: Line[];',
    '}',
    "@Table({ tableName: 'invoice_lines' })",
    'class Line extends Model {',
    '  @ForeignKey(() => Invoice) @Column invoiceId: string;',
    '  @BelongsTo(() => Invoice) invoice: Invoice;',
    '  @ForeignKey(() => Product) @Column productId: string;',
    '}',
    "const Tag = sequelize.define('tags', {}, { freezeTableName: true });",
    "const Payment = sequelize.define('payments', {}, { freezeTableName: true });",
    'Payment.belongsTo(Invoice);',
    "Line.belongsToMany(Tag, { through: 'line_tags' });",
    'Payment.belongsTo(Customer);',
  ].join('\n');
  const { facts } = detect(text, 'src/models.ts');
  assert.deepEqual(facts.foreignKeys.map((fk) => `${fk.from}->${fk.to}@${fk.line}`), [
    'invoice_lines->invoices@3',
    'payments->invoices@13',
    'line_tags->invoice_lines@14',
    'line_tags->tags@14',
  ]);
});
