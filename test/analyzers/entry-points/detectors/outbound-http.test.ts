import { outboundRowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'outbound-http',
  outboundRowsOf,
  [
    { name: 'the global fetch', text: "const res = await fetch('https://api.example.com');\nawait globalThis.fetch(url);", rows: ['1 fetch', '2 fetch'] },
    {
      name: 'axios calls, an instance and require',
      text: "import axios from 'axios';\nawait axios.get('/x');\nawait axios({ url });\nconst api = axios.create({ baseURL });\nawait api.post('/y', body);\nconst other = require('axios');\nother.put('/z');",
      rows: ['2 axios', '3 axios', '5 axios', '7 axios'],
    },
    { name: 'got and ky', text: "import got from 'got';\nimport ky from 'ky';\nawait got.post(url, { json });\nawait got(url);\nawait ky.get(url).json();", rows: ['3 got', '4 got', '5 ky'] },
    {
      name: 'undici, http and node:https',
      text: "import { request } from 'undici';\nimport http from 'http';\nimport * as https from 'node:https';\nawait request(url);\nhttp.request(options, cb);\nhttps.get(url, cb);",
      rows: ['4 undici', '5 http', '6 https'],
    },
    { name: 'node-fetch', text: "import fetch from 'node-fetch';\nawait fetch(url);", rows: ['2 fetch'] },
    { name: 'NestJS HttpService', text: "import { HttpService } from '@nestjs/axios';\nthis.httpService.get(url);", rows: ['2 axios'] },
  ],
  [
    { name: 'a fetch imported from a local wrapper', text: "import fetch from '@server/utils/fetch';\nawait fetch(url);" },
    { name: 'a local fetch function', text: 'function fetch(id) { return db.find(id); }\nfetch(1);' },
    { name: 'get() on names not imported from a client', text: "const axios = makeClient();\naxios.get('/x');\nhttp.get(url);\nrepo.fetch(1);" },
  ],
);
