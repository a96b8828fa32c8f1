// A real OpenID Connect provider (the `oidc-provider` package) for the browser tests, playing
// ÉduConnect (pupils and guardians) or an académie staff directory (counsellors).
//
//   node oidc/provider.mjs <port> <educonnect|staff> <redirect-base>
//
// Its login form accepts any password; the login must be one of the demo people below.
import Provider from 'oidc-provider';
import { people, clientFor } from './people.mjs';

const [port, kind, redirectBase] = process.argv.slice(2);
if (!port || !people[kind] || !redirectBase) {
  console.error('usage: node oidc/provider.mjs <port> <educonnect|staff> <redirect-base>');
  process.exit(2);
}

const accounts = people[kind];
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [clientFor(kind, redirectBase)],
  scopes: ['openid', 'profile', 'educonnect', 'sillage_role'],
  claims: {
    openid: ['sub'],
    profile: ['given_name', 'family_name'],
    educonnect: [
      'FrEduCtId',
      'FrEduCtPersonAffiliation',
      'FrEduCtEleveUAI',
      'FrEduCtEleveNiveau',
      'FrEduCtDateNaissance',
    ],
    sillage_role: ['sillage_role'],
  },
  async findAccount(_ctx, id) {
    const person = accounts[id];
    if (!person) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...person }; } };
  },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  cookies: { keys: ['sillage-e2e-provider-cookie-key'] },
  ttl: { Session: 3600, Grant: 3600, Interaction: 600 },
});
// Plain http on loopback is what a test needs; oidc-provider warns about it, which is fine here.
provider.proxy = false;
provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`oidc-provider (${kind}) listening on ${issuer}`);
});
