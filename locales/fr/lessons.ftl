# The vault's short lessons (/coffre-fort/lecons/…): a title and paragraphs each.


## phrase-de-passe
phrase-de-passe-title = Une phrase de passe plutôt qu'un mot de passe
phrase-de-passe-1 = Les programmes qui devinent les mots de passe essaient d'abord les plus courants (123456, azerty, soleil…), puis des mots du dictionnaire, des prénoms, des dates et des suites de touches. « Soleil2012! » tombe en quelques secondes.
phrase-de-passe-2 = Ce qui compte, c'est le hasard et la longueur. Huit mots pris au hasard dans une liste (par exemple « tilleul-gazon-phare-moulin-cheval-nuage-piano-ruche ») donnent plus de 80 bits : c'est l'objectif que la CNIL recommande pour un mot de passe utilisé seul. Il faudrait des millions d'années pour le deviner.
phrase-de-passe-3 = Les mots doivent être tirés au hasard (par le générateur, ou avec des dés), pas choisis : une phrase qui a du sens, une chanson ou une citation se devinent.
phrase-de-passe-4 = Une phrase de passe suffit pour le coffre-fort. Pour tous vos autres comptes, laissez le générateur créer des mots de passe aléatoires : le coffre les retient pour vous.

## un-compte-un-mot-de-passe
un-compte-un-mot-de-passe-title = Un compte, un mot de passe
un-compte-un-mot-de-passe-1 = Des sites se font voler leurs bases de mots de passe chaque semaine. Les pirates essaient ensuite le même identifiant et le même mot de passe partout ailleurs : messagerie, réseaux sociaux, ENT.
un-compte-un-mot-de-passe-2 = Si chaque compte a son propre mot de passe, une fuite ne touche qu'un compte. Le bilan de votre coffre-fort vous montre les mots de passe utilisés plusieurs fois : changez-les un par un, en commençant par votre messagerie (elle permet de réinitialiser tous les autres).

## double-authentification
double-authentification-title = La double authentification
double-authentification-1 = La double authentification demande, en plus du mot de passe, une preuve que c'est bien vous : un code reçu ou affiché sur votre téléphone, ou une clé d'accès. Même si votre mot de passe est volé, le compte reste fermé.
double-authentification-2 = Activez-la dans les réglages de sécurité de vos comptes les plus importants (messagerie, réseaux sociaux, jeux avec des achats), puis cochez-la dans le coffre-fort : le bilan s'en souviendra.
double-authentification-3 = Ne donnez jamais un code reçu par SMS à quelqu'un qui vous le demande, même s'il dit être du support : c'est toujours une arnaque.

## changer-ses-mots-de-passe
changer-ses-mots-de-passe-title = Quand changer un mot de passe
changer-ses-mots-de-passe-1 = Inutile de changer un bon mot de passe tous les mois. Changez-le quand il est faible, quand il sert sur plusieurs comptes, quand un site annonce une fuite, ou si vous l'avez donné ou tapé sur un appareil qui n'est pas le vôtre.
changer-ses-mots-de-passe-2 = Le bilan signale les mots de passe de plus d'un an : c'est l'occasion de vérifier que le compte sert encore, et de le supprimer sinon.

## cle-de-secours
cle-de-secours-title = Pourquoi Sillage ne peut pas lire votre coffre
cle-de-secours-1 = Votre coffre-fort est chiffré dans votre navigateur avec une clé que seule votre phrase de passe (ou votre clé de secours, ou votre clé d'accès) peut ouvrir. Le serveur ne reçoit que des données chiffrées : ni l'établissement, ni vos parents, ni Sillage ne peuvent les lire.
cle-de-secours-2 = C'est aussi pourquoi personne ne peut vous rendre l'accès si vous perdez à la fois la phrase de passe et la clé de secours. Gardez la clé de secours sur papier, chez vous, loin de votre téléphone.
