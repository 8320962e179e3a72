import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect, rowsOf } from '../detect.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  {
    name: 'Objection query() chains on an imported model: read unless the chain writes',
    text: "import Person from './models/person';\nawait Person.query().findById(1);\nawait Person.query().insert({ name });\nawait Person.query(trx).patch({ age }).where('id', id);\nawait Person.query().deleteById(id);\nawait Person.query().upsertGraph(graph);\nawait Person.query().findById(1).$relatedQuery('pets').relate(petId);\nawait Person.query().where('age', '>', 18).orderBy('name');",
    rows: [
      '2 read ./models/person#default objection 0.9',
      '3 write ./models/person#default objection 0.9',
      '4 write ./models/person#default objection 0.9',
      '5 write ./models/person#default objection 0.9',
      '6 write ./models/person#default objection 0.9',
      '7 write ./models/person#default objection 0.9',
      '8 read ./models/person#default objection 0.9',
    ],
  },
  {
    name: 'a model from a CommonJS require',
    text: "const Person = require('./models/Person');\nconst { Movie } = require('./models');\nPerson.query().where('id', id).first();\nMovie.query().patchAndFetchById(id, body);",
    rows: ['3 read ./models/Person#default objection 0.9', '4 write ./models#Movie objection 0.9'],
  },
  {
    name: 'a model class defined in the file, and this.query() in its static methods',
    text: "class Person extends Model {\n  static tableName = 'persons';\n  static byEmail(email) { return this.query().findOne({ email }); }\n  describe() { return this.query(); }\n}\nexport const adults = () => Person.query().where('age', '>', 18);",
    rows: ['3 read Person objection', '6 read Person objection'],
  },
  {
    name: 'Bookshelf forge and where chains on a model of the file',
    text: "const User = bookshelf.model('User', { tableName: 'users' });\nUser.forge({ id }).fetch();\nUser.where({ active: true }).fetchAll();\nUser.forge(attrs).save();\nUser.forge({ id }).destroy();\nnew User({ id }).fetch({ require: true });\nnew User(attrs).save(null, { method: 'insert' });",
    rows: ['2 read User objection', '3 read User objection', '4 write User objection', '5 write User objection', '6 read User objection', '7 write User objection'],
  },
  {
    name: 'Bookshelf chains on an imported model',
    text: "import { Account } from './models';\nAccount.where({ email }).fetch();\nAccount.query((qb) => qb.where('a', 1)).fetchAll();",
    rows: ['2 read ./models#Account objection 0.9', '3 read ./models#Account objection 0.9'],
  },
  {
    name: "Ghost's model registry",
    text: "const models = require('../../models');\nmodels.Post.findOne({ id }, { require: true });\nmodels.Post.findAll();\nmodels.Post.findPage(options);\nmodels.Post.add(data, options);\nmodels.Post.edit(data, { id });\nmodels.Member.destroy({ id });\nmodels.Tag.forge({ id }).fetch();\nthis.models.Post.findOne({ id: frame.options.id }, { transacting });",
    rows: [
      '2 read Post objection 0.7',
      '3 read Post objection 0.7',
      '4 read Post objection 0.7',
      '5 write Post objection 0.7',
      '6 write Post objection 0.7',
      '7 write Member objection 0.7',
      '8 read Tag objection 0.7',
      '9 read Post objection 0.7',
    ],
  },
  {
    name: 'a Bookshelf registry lookup',
    text: "bookshelf.model('User').where({ id }).fetch();\nghostBookshelf.model('Session').forge(data).save();",
    rows: ['1 read User objection 0.7', '2 write Session objection 0.7'],
  },
  {
    name: 'models injected into a service, named after the registry',
    text: "class OfferRepository {\n  #MemberModel;\n  constructor({ OfferModel, OfferRedemption, MemberModel }) { this.OfferModel = OfferModel; this._OfferRedemption = OfferRedemption; this.#MemberModel = MemberModel; }\n  getAll(o) { return this.OfferModel.findAll(o); }\n  used(id) { return this._OfferRedemption.where({ id }).fetchAll(); }\n  rename(d) { return this.#MemberModel.edit(d); }\n}",
    rows: ['4 read Offer objection 0.5', '5 read OfferRedemption objection 0.5', '6 write Member objection 0.5'],
  },
  { name: "Ghost's findPage/findAll given order and limit (not Sequelize's)", text: "this.models.Product.findPage({ ...options, limit: 1, filter: 'type: paid' });\nmodels.CommentReport.findAll({ order: 'created_at desc', limit: 5 });", rows: ['1 read Product objection 0.7', '2 read CommentReport objection 0.7'] },
  { name: "Ghost's bulk operations change the table they name", text: "await this.models.Post.bulkDestroy(ids, 'emails', options);\nawait models.Post.bulkEdit(ids, 'posts', { data });", rows: ['1 write emails objection 0.7', '2 write posts objection 0.7'] },
  { name: 'an injected model in a file with no other Bookshelf sign', text: "class IntegrationsService {\n  constructor({ ApiKeyModel }) { this.ApiKeyModel = ApiKeyModel; }\n  async refresh(options) { return this.ApiKeyModel.findOne({ id: options.keyid }); }\n}", rows: ['3 read ApiKey objection 0.5'] },
  {
    name: 'a model passed in as a destructured option (InviteModel is the model Invite)',
    text: "class Invites {\n  add({ api, InviteModel, options }) {\n    return InviteModel.findOne({ email }).then(() => InviteModel.add(data, options));\n  }\n}",
    rows: ['3 read Invite objection 0.5', '3 write Invite objection 0.5'],
  },
  {
    name: 'a Ghost bulk operation in a loop over a list of literal table names (inline or a const declared once)',
    text: "const postTables = ['posts_meta', 'posts_tags'];\nfor (const table of postTables) {\n  await this.models.Post.bulkDestroy(ids, table, { column: 'post_id' });\n}\nfor (const t of ['suppressions']) await models.Post.bulkEdit(ids, t, { data });",
    rows: ['3 write posts_meta objection 0.7', '3 write posts_tags objection 0.7', '5 write suppressions objection 0.7'],
  },
];

const ignored: { name: string; text: string }[] = [
  { name: 'relatedQuery', text: "import Person from './person';\nPerson.relatedQuery('pets').for(1);" },
  { name: 'a query() given raw SQL', text: "import { Db } from './db';\nDb.query('SELECT * FROM users');\nDb.query(`DELETE FROM x`);" },
  { name: 'query() on lower-case and library objects', text: "import { Model } from 'objection';\nrouter.query();\nknex.query();\nModel.query();\nthis.query();" },
  { name: 'Sequelize-style statics on an imported model (the sequelize detector reads them)', text: "import { Invoice } from './models';\nInvoice.count();\nInvoice.findOne({ where });\nInvoice.destroy({ where });" },
  { name: 'Sequelize calls through a registry (the sequelize detector reads them)', text: "models.Post.findOne({ where: { id } });\nmodels.Post.create(row);\ndb.User.destroy({ where });" },
  { name: 'registry calls in a file that uses Sequelize', text: "const { Sequelize } = require('sequelize');\nmodels.Post.findAll();" },
  { name: 'a registry call that is not a model operation', text: "models.Base.transaction(fn);\nmodels.Post.permissible(id);\nmodels.post.findOne();" },
  { name: 'a Mongoose model registration', text: "const User = mongoose.model('User', userSchema);\nUser.where('age').gte(21);" },
  { name: 'new on a class that is not a Bookshelf model', text: "import { Client } from './client';\nnew Client(opts).fetch();\nnew Headers().save();" },
  { name: 'an injected-looking model field in a file that uses another ORM', text: "import mongoose from 'mongoose';\nclass S { find(email) { return this.UserModel.findOne({ email }); } }" },
  { name: 'an injected field called Model, and one not followed by a call', text: "class S { a() { return this.Model.findOne({ id }); }\n  b() { return this.OfferModel; } }" },
  { name: 'a passed-in model name in a file that uses another ORM, a bare Model, and a non-model operation', text: "import mongoose from 'mongoose';\nfunction f({ UserModel }) { return UserModel.findOne({ email }); }\nfunction g({ Model, TagModel }) { Model.findOne({ id }); TagModel.toJSON(); }" },
  { name: 'a bulk operation over a list declared twice, or not all literals', text: "function a() { const list = ['x']; }\nconst list = ['posts_meta'];\nfor (const table of list) models.Post.bulkDestroy(ids, table);\nconst mixed = ['a', other];\nfor (const table of mixed) models.Post.bulkDestroy(ids, table);" },
  { name: 'a Ghost bulk operation on a table only known at run time', text: "for (const table of tables) {\n  await this.models.Post.bulkDestroy(ids, table, { column: 'post_id' });\n}" },
];

test('objection: a model handed to a service under another name is an alias of the registry model', () => {
  const text = "const repo = new LinkClickRepository({\n  MemberLinkClickEventModel: models.MemberClickEvent,\n  StripeCustomer: models.MemberStripeCustomer,\n  Post: models.Post,\n  urlUtils: utils.url,\n  lower: models.member,\n});";
  assert.deepEqual(
    detect(text).facts.tableDefinitions.map((d) => [d.symbol, d.alias, d.line]),
    [['MemberLinkClickEvent', 'MemberClickEvent', 2], ['StripeCustomer', 'MemberStripeCustomer', 3]],
  );
});

for (const { name, text, rows } of detected) {
  test(`objection: detects ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'objection'), rows);
  });
}

for (const { name, text } of ignored) {
  test(`objection: ignores ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'objection'), []);
  });
}

/** The Objection/Bookshelf definitions of a file as `symbol=table@line` (`(orm)` when set). */
function definitionsOf(text: string): string[] {
  return detect(text, 'src/models.ts').facts.tableDefinitions
    .filter((d) => d.via === 'objection')
    .map((d) => `${d.symbol}=${d.table}@${d.line}${d.orm ? ` (${d.orm})` : ''}`);
}

const definitions: { name: string; text: string; definitions: string[] }[] = [
  {
    name: 'static tableName property and getter',
    text: "export class Person extends Model {\n  static tableName = 'persons';\n}\nexport default class Pet extends BaseModel {\n  static get tableName() {\n    return 'pets';\n  }\n}\nclass Movie extends Model { static tableName = 'public.movies'; }\nclass Audit extends Model { static tableName = 'logs.audit'; }",
    definitions: ['Person=persons@1', 'Pet=pets@4', 'Movie=movies@9', 'Audit=logs.audit@10'],
  },
  {
    name: 'Bookshelf model() and Model.extend()',
    text: "const User = bookshelf.model('User', { tableName: 'users' });\nconst Post = bookshelf.Model.extend({ tableName: 'posts', hasTimestamps: true });",
    definitions: ['User=users@1', 'User=users@1 (bookshelf)', 'Post=posts@2'],
  },
  {
    name: 'Ghost: an assigned Model.extend and its registration',
    text: "let Post;\nPost = ghostBookshelf.Model.extend({ tableName: 'posts' }, { findOne() {} });\nmodule.exports = {\n  Post: ghostBookshelf.model('Post', Post),\n};",
    definitions: ['Post=posts@2', 'Post=posts@4 (bookshelf)'],
  },
  {
    name: 'no definition for a class without a static tableName or a Mongoose model',
    text: "class Person extends Model { tableName = 'persons'; static other = 'x'; }\nconst User = mongoose.model('User', schema);\nconst View = Backbone.View.extend({ el: 'body' });",
    definitions: [],
  },
];

for (const { name, text, definitions: expected } of definitions) {
  test(`objection definitions: ${name}`, () => {
    assert.deepEqual(definitionsOf(text), expected);
  });
}
