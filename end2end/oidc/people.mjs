// The people of the test identity providers, and Sillage's client registration with them.
export const people = {
  educonnect: {
    'eleve.lina': {
      given_name: 'Lina',
      family_name: 'Moreau',
      FrEduCtId: 'fe-eleve-lina',
      FrEduCtPersonAffiliation: 'eleve2d',
      FrEduCtEleveUAI: '0750001A',
      FrEduCtEleveNiveau: '2NDE GT',
      FrEduCtDateNaissance: '2010-05-17',
    },
    'parent.karim': {
      given_name: 'Karim',
      family_name: 'Moreau',
      FrEduCtId: 'fe-resp-karim',
      FrEduCtPersonAffiliation: 'resp2d',
    },
    'agent.inconnu': {
      given_name: 'Alex',
      family_name: 'Durand',
      FrEduCtId: 'fe-agent-alex',
      FrEduCtPersonAffiliation: 'enseignant',
    },
  },
  staff: {
    'psy.claire': {
      given_name: 'Claire',
      family_name: 'Lefèvre',
      sillage_role: ['psy-en'],
    },
  },
};

export const clientSecret = 'e2e-client-secret';

export function clientFor(kind, redirectBase) {
  return {
    client_id: `sillage-${kind}`,
    client_secret: clientSecret,
    redirect_uris: [`${redirectBase}/auth/retour/${kind}`],
    post_logout_redirect_uris: [`${redirectBase}/?deconnecte=1`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}
