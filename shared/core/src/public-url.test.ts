import express, { type Express } from 'express';
import request from 'supertest';
import { trustProxy } from './config.js';
import { publicPath, publicUrl, siblingPath, siblingUrl } from './public-url.js';

const AUTH = { edgePath: '/auth', directUrl: 'http://localhost:3003/' };

/** An app that answers with every link it would give out; supertest connects from loopback. */
function linksApp(trust: number | string[]): Express {
  return express()
    .set('trust proxy', trust)
    .get('/x', (req, res) => {
      res.location(publicPath(req, res, '/api/v1/notes/1')).json({
        url: publicUrl(req, res, '/uploads/a.jpg'),
        authPath: siblingPath(req, res, AUTH, '/api/v1/auth'),
        authUrl: siblingUrl(req, res, AUTH, '/api/v1/auth'),
      });
    });
}

const forwarded = {
  'X-Forwarded-Prefix': '/notes',
  'X-Forwarded-Proto': 'https',
  'X-Forwarded-Host': 'edge.example',
};

describe('public URLs', () => {
  it('come from the forwarded headers of a trusted proxy, and the answer varies on them', async () => {
    const res = await request(linksApp(['loopback']))
      .get('/x')
      .set(forwarded);

    expect(res.headers.location).toBe('/notes/api/v1/notes/1');
    expect(res.body).toEqual({
      url: 'https://edge.example/notes/uploads/a.jpg',
      authPath: '/auth/api/v1/auth',
      authUrl: 'https://edge.example/auth/api/v1/auth',
    });
    expect(res.headers.vary?.split(/,\s*/).sort()).toEqual([
      'X-Forwarded-Host',
      'X-Forwarded-Prefix',
      'X-Forwarded-Proto',
    ]);
  });

  it('ignore forwarded headers from a peer that is not a trusted proxy (TRUST_PROXY=0), and vary on nothing', async () => {
    const res = await request(linksApp(0)).get('/x').set(forwarded).set('Host', 'localhost:3001');

    expect(res.headers.location).toBe('/api/v1/notes/1');
    expect(res.body).toEqual({
      url: 'http://localhost:3001/uploads/a.jpg',
      authPath: 'http://localhost:3003/api/v1/auth',
      authUrl: 'http://localhost:3003/api/v1/auth',
    });
    expect(res.headers.vary).toBeUndefined();
  });

  it('ignore a forwarded prefix that is not a plain path, even from a trusted proxy', async () => {
    const odd = await request(linksApp(1)).get('/x').set('X-Forwarded-Prefix', '//evil.example/x');

    expect(odd.headers.location).toBe('/api/v1/notes/1');
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['::1', ['::1']],
  ])('accepts %j', (value, expected) => {
    expect(trustProxy.parse(value)).toEqual(expected);
  });

  it.each(['true', '11', 'evil.example', '10.0.0.0/8/1', 'loopback/8', ''])('refuses %j', (value) => {
    expect(trustProxy.safeParse(value).success).toBe(false);
  });

  it('defaults to trusting no one', () => {
    expect(trustProxy.parse(undefined)).toBe(0);
  });
});
