import { VALIDATION_MESSAGES, baseLanguage, fillMessage } from './validation-messages.js';

/**
 * What the server says to customers (validation, errors, emails), in every language the
 * elements speak. Templates take `{name}` parameters; the English catalog is the source and
 * the type every other catalog must fill completely. The rules' own texts are in English in
 * validation-messages.ts, so the browser gets those without the rest.
 */
const en = {
  // validation (rules.ts, and the server's checks of uploads)
  ...VALIDATION_MESSAGES,
  tooManyFiles: 'Too many files.',
  tooManyFilesDetail: 'At most {max} files can go with one message.',
  // errors (server)
  someFilesCannotBeSent: 'Some files cannot be sent.',
  someFilesTooLarge: 'Some files are too large.',
  requestNotAccepted: 'The request has fields that are missing, of the wrong type or not accepted.',
  formNotAccepted: 'The form has parts that are missing or not accepted.',
  fieldNotAccepted: 'This field is not accepted.',
  malformedJson: 'The request body is not valid JSON.',
  someFieldsNeedAttention: 'Some fields need attention.',
  chooseAnotherPassword: 'Choose another password.',
  accessDenied:
    'Access denied: this support portal is open only to the customers on its list, and this email address is not on it. Ask your contact at the company for access.',
  ssoOnly:
    'This portal signs you in through single sign-on only. Use the sign-in button of your organisation.',
  noRegistration: 'This portal does not take registrations.',
  noSignInLinks: 'This portal does not send sign-in links.',
  spentLink: 'This link has expired or has been used already. Ask for a new one.',
  confirmEmailFirst:
    'Confirm your email address first: follow the link we sent you when you registered.',
  wrongCredentials: 'Email or password is wrong.',
  signInToContinue: 'Sign in to continue.',
  portalClosed: 'This support portal is closed.',
  portalNotSetUp: 'The support portal has not been set up yet.',
  portalUnavailable: 'The support portal is not available right now. Try again in a moment.',
  serverError: 'Something went wrong on our side. Try again later.',
  noSuchTicket: 'There is no such ticket.',
  noSuchAttachment: 'There is no such attachment.',
  ownTicketsOnly: 'You may see only your own tickets.',
  replyNotYet: 'The reply cannot be sent yet.',
  ticketClosed: 'This ticket is closed; open a new ticket instead.',
  tooManyAttempts: 'Too many attempts. Try again in {wait}.',
  // emails (server)
  mailGreeting: 'Hello {name},',
  verifySubject: 'Confirm your email address for {title}',
  verifyLead: 'Confirm your email address to finish signing up for {title}.',
  verifyButton: 'Confirm my email address',
  verifyNote: 'The link works once, within 24 hours. If you did not sign up, ignore this email.',
  invitationSubject: 'You are invited to {title}',
  invitationLead:
    'You have been given access to {title}, where you can follow and reply to your support tickets. Choose a password to get started.',
  invitationButton: 'Choose a password',
  invitationNote: 'The link works once, within 7 days.',
  resetSubject: 'Reset your password for {title}',
  resetLead: 'Someone asked to reset the password of your account at {title}.',
  resetButton: 'Choose a new password',
  resetNote:
    'The link works once, within 1 hour, and signs you out everywhere else. If you did not ask for it, ignore this email: your password stays as it is.',
  signInSubject: 'Your sign-in link for {title}',
  signInLead: 'Here is the link to sign in to {title}.',
  signInButton: 'Sign in',
  signInNote:
    'The link works once, within 15 minutes. If you did not ask for it, ignore this email.',
  registeredSubject: 'You already have an account at {title}',
  registeredLead:
    'Someone, probably you, tried to sign up for {title} with this email address. You already have an account, so nothing was changed.',
  registeredForgot: 'If you forgot your password, choose "Forgot password" on the sign-in page.',
};

/** A message's name in the catalogs. */
export type MessageKey = keyof typeof en;
type Catalog = Record<MessageKey, string>;

const sv: Catalog = {
  enterSubject: 'Skriv en rubrik.',
  subjectTooLong: 'Håll rubriken under {max} tecken.',
  describeProblem: 'Beskriv problemet.',
  descriptionTooLong: 'Håll beskrivningen under {max} tecken.',
  attachFileFor: 'Bifoga en fil för {label}.',
  enterText: 'Skriv text.',
  fillIn: 'Fyll i {label}.',
  chooseOption: 'Välj ett av alternativen för {label}.',
  fieldNotOnForm: 'Det här fältet finns inte i formuläret.',
  passwordTooShort: 'Använd minst {min} tecken.',
  passwordTooLong: 'Använd högst {max} tecken.',
  enterEmail: 'Ange en e-postadress som namn@example.com.',
  enterName: 'Ange ditt namn.',
  nameTooLong: 'Håll namnet under {max} tecken.',
  consentRequired: 'Kryssa i rutan för att godkänna, annars kan vi inte skapa ditt konto.',
  writeMessage: 'Skriv ett meddelande innan du skickar.',
  messageTooLong: 'Håll meddelandet under {max} tecken.',
  fileTypeRefused: '{name} är en filtyp som portalen inte tar emot.',
  fileTooLarge: '{name} är större än {size}.',
  fileEmpty: '{name} är tom.',
  filesTooLargeTogether: 'Tillsammans är filerna större än {size}.',
  tooManyFiles: 'För många filer.',
  tooManyFilesDetail: 'Högst {max} filer kan följa med ett meddelande.',
  someFilesCannotBeSent: 'Vissa filer kan inte skickas.',
  someFilesTooLarge: 'Vissa filer är för stora.',
  requestNotAccepted: 'Begäran har fält som saknas, har fel typ eller inte tas emot.',
  formNotAccepted: 'Formuläret har delar som saknas eller inte tas emot.',
  fieldNotAccepted: 'Det här fältet tas inte emot.',
  malformedJson: 'Begärans innehåll är inte giltig JSON.',
  someFieldsNeedAttention: 'Några fält behöver åtgärdas.',
  chooseAnotherPassword: 'Välj ett annat lösenord.',
  accessDenied:
    'Åtkomst nekad: den här supportportalen är bara öppen för kunderna på dess lista, och den här e-postadressen finns inte där. Be din kontakt på företaget om åtkomst.',
  ssoOnly:
    'Den här portalen loggar bara in via enkel inloggning (SSO). Använd din organisations inloggningsknapp.',
  noRegistration: 'Den här portalen tar inte emot registreringar.',
  noSignInLinks: 'Den här portalen skickar inte inloggningslänkar.',
  spentLink: 'Länken har gått ut eller har redan använts. Be om en ny.',
  confirmEmailFirst:
    'Bekräfta din e-postadress först: följ länken vi skickade när du registrerade dig.',
  wrongCredentials: 'E-postadressen eller lösenordet är fel.',
  signInToContinue: 'Logga in för att fortsätta.',
  portalClosed: 'Den här supportportalen är stängd.',
  portalNotSetUp: 'Supportportalen har inte konfigurerats än.',
  portalUnavailable: 'Supportportalen är inte tillgänglig just nu. Försök igen om en stund.',
  serverError: 'Något gick fel hos oss. Försök igen senare.',
  noSuchTicket: 'Det finns inget sådant ärende.',
  noSuchAttachment: 'Det finns ingen sådan bilaga.',
  ownTicketsOnly: 'Du får bara se dina egna ärenden.',
  replyNotYet: 'Svaret kan inte skickas än.',
  ticketClosed: 'Det här ärendet är stängt; skapa ett nytt ärende i stället.',
  tooManyAttempts: 'För många försök. Försök igen om {wait}.',
  mailGreeting: 'Hej {name},',
  verifySubject: 'Bekräfta din e-postadress för {title}',
  verifyLead: 'Bekräfta din e-postadress för att slutföra registreringen hos {title}.',
  verifyButton: 'Bekräfta min e-postadress',
  verifyNote:
    'Länken fungerar en gång, inom 24 timmar. Om du inte har registrerat dig kan du bortse från det här mejlet.',
  invitationSubject: 'Du är inbjuden till {title}',
  invitationLead:
    'Du har fått tillgång till {title}, där du kan följa och svara på dina supportärenden. Välj ett lösenord för att komma igång.',
  invitationButton: 'Välj ett lösenord',
  invitationNote: 'Länken fungerar en gång, inom 7 dagar.',
  resetSubject: 'Återställ ditt lösenord för {title}',
  resetLead: 'Någon har bett om att återställa lösenordet till ditt konto hos {title}.',
  resetButton: 'Välj ett nytt lösenord',
  resetNote:
    'Länken fungerar en gång, inom 1 timme, och loggar ut dig överallt annars. Om du inte bad om den kan du bortse från mejlet: ditt lösenord förblir som det är.',
  signInSubject: 'Din inloggningslänk för {title}',
  signInLead: 'Här är länken för att logga in på {title}.',
  signInButton: 'Logga in',
  signInNote:
    'Länken fungerar en gång, inom 15 minuter. Om du inte bad om den kan du bortse från det här mejlet.',
  registeredSubject: 'Du har redan ett konto hos {title}',
  registeredLead:
    'Någon, troligen du, försökte registrera sig hos {title} med den här e-postadressen. Du har redan ett konto, så inget har ändrats.',
  registeredForgot: 'Om du har glömt ditt lösenord, välj ”Glömt lösenord” på inloggningssidan.',
};

const de: Catalog = {
  enterSubject: 'Geben Sie einen Betreff ein.',
  subjectTooLong: 'Der Betreff muss kürzer als {max} Zeichen sein.',
  describeProblem: 'Beschreiben Sie das Problem.',
  descriptionTooLong: 'Die Beschreibung muss kürzer als {max} Zeichen sein.',
  attachFileFor: 'Hängen Sie eine Datei für {label} an.',
  enterText: 'Geben Sie Text ein.',
  fillIn: 'Füllen Sie {label} aus.',
  chooseOption: 'Wählen Sie eine der Optionen für {label}.',
  fieldNotOnForm: 'Dieses Feld gehört nicht zum Formular.',
  passwordTooShort: 'Verwenden Sie mindestens {min} Zeichen.',
  passwordTooLong: 'Verwenden Sie höchstens {max} Zeichen.',
  enterEmail: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
  enterName: 'Geben Sie Ihren Namen ein.',
  nameTooLong: 'Der Name muss kürzer als {max} Zeichen sein.',
  consentRequired:
    'Setzen Sie das Häkchen, um zuzustimmen; sonst können wir Ihr Konto nicht anlegen.',
  writeMessage: 'Schreiben Sie eine Nachricht, bevor Sie senden.',
  messageTooLong: 'Die Nachricht muss kürzer als {max} Zeichen sein.',
  fileTypeRefused: '{name} ist ein Dateityp, den das Portal nicht annimmt.',
  fileTooLarge: '{name} ist größer als {size}.',
  fileEmpty: '{name} ist leer.',
  filesTooLargeTogether: 'Zusammen sind die Dateien größer als {size}.',
  tooManyFiles: 'Zu viele Dateien.',
  tooManyFilesDetail: 'Höchstens {max} Dateien können einer Nachricht beiliegen.',
  someFilesCannotBeSent: 'Einige Dateien können nicht gesendet werden.',
  someFilesTooLarge: 'Einige Dateien sind zu groß.',
  requestNotAccepted:
    'Die Anfrage enthält Felder, die fehlen, den falschen Typ haben oder nicht angenommen werden.',
  formNotAccepted: 'Das Formular enthält Teile, die fehlen oder nicht angenommen werden.',
  fieldNotAccepted: 'Dieses Feld wird nicht angenommen.',
  malformedJson: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
  someFieldsNeedAttention: 'Einige Felder müssen korrigiert werden.',
  chooseAnotherPassword: 'Wählen Sie ein anderes Passwort.',
  accessDenied:
    'Zugriff verweigert: Dieses Supportportal steht nur den Kunden auf seiner Liste offen, und diese E-Mail-Adresse steht nicht darauf. Bitten Sie Ihren Ansprechpartner im Unternehmen um Zugang.',
  ssoOnly:
    'Dieses Portal meldet Sie nur über Single Sign-on an. Verwenden Sie die Anmeldeschaltfläche Ihrer Organisation.',
  noRegistration: 'Dieses Portal nimmt keine Registrierungen an.',
  noSignInLinks: 'Dieses Portal versendet keine Anmeldelinks.',
  spentLink: 'Dieser Link ist abgelaufen oder wurde bereits verwendet. Fordern Sie einen neuen an.',
  confirmEmailFirst:
    'Bestätigen Sie zuerst Ihre E-Mail-Adresse: Folgen Sie dem Link, den wir Ihnen bei der Registrierung gesendet haben.',
  wrongCredentials: 'E-Mail-Adresse oder Passwort ist falsch.',
  signInToContinue: 'Melden Sie sich an, um fortzufahren.',
  portalClosed: 'Dieses Supportportal ist geschlossen.',
  portalNotSetUp: 'Das Supportportal ist noch nicht eingerichtet.',
  portalUnavailable:
    'Das Supportportal ist gerade nicht erreichbar. Versuchen Sie es gleich noch einmal.',
  serverError: 'Bei uns ist etwas schiefgegangen. Versuchen Sie es später noch einmal.',
  noSuchTicket: 'Dieses Ticket gibt es nicht.',
  noSuchAttachment: 'Diesen Anhang gibt es nicht.',
  ownTicketsOnly: 'Sie dürfen nur Ihre eigenen Tickets sehen.',
  replyNotYet: 'Die Antwort kann noch nicht gesendet werden.',
  ticketClosed: 'Dieses Ticket ist geschlossen; eröffnen Sie stattdessen ein neues Ticket.',
  tooManyAttempts: 'Zu viele Versuche. Versuchen Sie es in {wait} noch einmal.',
  mailGreeting: 'Hallo {name},',
  verifySubject: 'Bestätigen Sie Ihre E-Mail-Adresse für {title}',
  verifyLead: 'Bestätigen Sie Ihre E-Mail-Adresse, um die Registrierung bei {title} abzuschließen.',
  verifyButton: 'Meine E-Mail-Adresse bestätigen',
  verifyNote:
    'Der Link funktioniert einmal, innerhalb von 24 Stunden. Wenn Sie sich nicht registriert haben, ignorieren Sie diese E-Mail.',
  invitationSubject: 'Sie sind zu {title} eingeladen',
  invitationLead:
    'Sie haben Zugang zu {title} erhalten, wo Sie Ihre Supporttickets verfolgen und beantworten können. Wählen Sie ein Passwort, um zu beginnen.',
  invitationButton: 'Passwort wählen',
  invitationNote: 'Der Link funktioniert einmal, innerhalb von 7 Tagen.',
  resetSubject: 'Setzen Sie Ihr Passwort für {title} zurück',
  resetLead: 'Jemand hat verlangt, das Passwort Ihres Kontos bei {title} zurückzusetzen.',
  resetButton: 'Neues Passwort wählen',
  resetNote:
    'Der Link funktioniert einmal, innerhalb von 1 Stunde, und meldet Sie überall sonst ab. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.',
  signInSubject: 'Ihr Anmeldelink für {title}',
  signInLead: 'Hier ist der Link, um sich bei {title} anzumelden.',
  signInButton: 'Anmelden',
  signInNote:
    'Der Link funktioniert einmal, innerhalb von 15 Minuten. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail.',
  registeredSubject: 'Sie haben bereits ein Konto bei {title}',
  registeredLead:
    'Jemand, vermutlich Sie, hat versucht, sich mit dieser E-Mail-Adresse bei {title} zu registrieren. Sie haben bereits ein Konto, daher wurde nichts geändert.',
  registeredForgot:
    'Wenn Sie Ihr Passwort vergessen haben, wählen Sie auf der Anmeldeseite „Passwort vergessen“.',
};

const fr: Catalog = {
  enterSubject: 'Saisissez un objet.',
  subjectTooLong: "L'objet doit faire moins de {max} caractères.",
  describeProblem: 'Décrivez le problème.',
  descriptionTooLong: 'La description doit faire moins de {max} caractères.',
  attachFileFor: 'Joignez un fichier pour {label}.',
  enterText: 'Saisissez du texte.',
  fillIn: 'Remplissez {label}.',
  chooseOption: "Choisissez l'une des options pour {label}.",
  fieldNotOnForm: 'Ce champ ne fait pas partie du formulaire.',
  passwordTooShort: 'Utilisez au moins {min} caractères.',
  passwordTooLong: 'Utilisez au plus {max} caractères.',
  enterEmail: 'Saisissez une adresse e-mail comme nom@example.com.',
  enterName: 'Saisissez votre nom.',
  nameTooLong: 'Le nom doit faire moins de {max} caractères.',
  consentRequired: 'Cochez la case pour accepter, sinon nous ne pouvons pas créer votre compte.',
  writeMessage: "Écrivez un message avant de l'envoyer.",
  messageTooLong: 'Le message doit faire moins de {max} caractères.',
  fileTypeRefused: "{name} est un type de fichier que le portail n'accepte pas.",
  fileTooLarge: '{name} dépasse {size}.',
  fileEmpty: '{name} est vide.',
  filesTooLargeTogether: 'Ensemble, les fichiers dépassent {size}.',
  tooManyFiles: 'Trop de fichiers.',
  tooManyFilesDetail: 'Un message peut comporter au plus {max} fichiers.',
  someFilesCannotBeSent: 'Certains fichiers ne peuvent pas être envoyés.',
  someFilesTooLarge: 'Certains fichiers sont trop volumineux.',
  requestNotAccepted:
    "La requête comporte des champs manquants, d'un mauvais type ou non acceptés.",
  formNotAccepted: 'Le formulaire comporte des parties manquantes ou non acceptées.',
  fieldNotAccepted: "Ce champ n'est pas accepté.",
  malformedJson: "Le corps de la requête n'est pas du JSON valide.",
  someFieldsNeedAttention: 'Certains champs sont à corriger.',
  chooseAnotherPassword: 'Choisissez un autre mot de passe.',
  accessDenied:
    "Accès refusé : ce portail d'assistance est réservé aux clients de sa liste, et cette adresse e-mail n'y figure pas. Demandez l'accès à votre contact dans l'entreprise.",
  ssoOnly:
    'Ce portail vous connecte uniquement par authentification unique (SSO). Utilisez le bouton de connexion de votre organisation.',
  noRegistration: "Ce portail n'accepte pas les inscriptions.",
  noSignInLinks: "Ce portail n'envoie pas de liens de connexion.",
  spentLink: 'Ce lien a expiré ou a déjà été utilisé. Demandez-en un nouveau.',
  confirmEmailFirst:
    "Confirmez d'abord votre adresse e-mail : suivez le lien que nous vous avons envoyé lors de l'inscription.",
  wrongCredentials: "L'adresse e-mail ou le mot de passe est incorrect.",
  signInToContinue: 'Connectez-vous pour continuer.',
  portalClosed: "Ce portail d'assistance est fermé.",
  portalNotSetUp: "Le portail d'assistance n'est pas encore configuré.",
  portalUnavailable:
    "Le portail d'assistance n'est pas disponible pour le moment. Réessayez dans un instant.",
  serverError: 'Un problème est survenu de notre côté. Réessayez plus tard.',
  noSuchTicket: "Ce ticket n'existe pas.",
  noSuchAttachment: "Cette pièce jointe n'existe pas.",
  ownTicketsOnly: 'Vous ne pouvez voir que vos propres tickets.',
  replyNotYet: 'La réponse ne peut pas encore être envoyée.',
  ticketClosed: 'Ce ticket est fermé ; ouvrez plutôt un nouveau ticket.',
  tooManyAttempts: 'Trop de tentatives. Réessayez dans {wait}.',
  mailGreeting: 'Bonjour {name},',
  verifySubject: 'Confirmez votre adresse e-mail pour {title}',
  verifyLead: 'Confirmez votre adresse e-mail pour terminer votre inscription à {title}.',
  verifyButton: 'Confirmer mon adresse e-mail',
  verifyNote:
    'Le lien fonctionne une fois, dans les 24 heures. Si vous ne vous êtes pas inscrit, ignorez cet e-mail.',
  invitationSubject: 'Vous êtes invité à {title}',
  invitationLead:
    'Vous avez reçu un accès à {title}, où vous pouvez suivre vos tickets d’assistance et y répondre. Choisissez un mot de passe pour commencer.',
  invitationButton: 'Choisir un mot de passe',
  invitationNote: 'Le lien fonctionne une fois, dans les 7 jours.',
  resetSubject: 'Réinitialisez votre mot de passe pour {title}',
  resetLead: 'Quelqu’un a demandé la réinitialisation du mot de passe de votre compte sur {title}.',
  resetButton: 'Choisir un nouveau mot de passe',
  resetNote:
    "Le lien fonctionne une fois, dans l'heure, et vous déconnecte partout ailleurs. Si vous ne l'avez pas demandé, ignorez cet e-mail : votre mot de passe reste inchangé.",
  signInSubject: 'Votre lien de connexion pour {title}',
  signInLead: 'Voici le lien pour vous connecter à {title}.',
  signInButton: 'Se connecter',
  signInNote:
    "Le lien fonctionne une fois, dans les 15 minutes. Si vous ne l'avez pas demandé, ignorez cet e-mail.",
  registeredSubject: 'Vous avez déjà un compte sur {title}',
  registeredLead:
    "Quelqu'un, probablement vous, a essayé de s'inscrire à {title} avec cette adresse e-mail. Vous avez déjà un compte, donc rien n'a été modifié.",
  registeredForgot:
    'Si vous avez oublié votre mot de passe, choisissez « Mot de passe oublié » sur la page de connexion.',
};

const es: Catalog = {
  enterSubject: 'Escribe un asunto.',
  subjectTooLong: 'El asunto debe tener menos de {max} caracteres.',
  describeProblem: 'Describe el problema.',
  descriptionTooLong: 'La descripción debe tener menos de {max} caracteres.',
  attachFileFor: 'Adjunta un archivo para {label}.',
  enterText: 'Escribe texto.',
  fillIn: 'Rellena {label}.',
  chooseOption: 'Elige una de las opciones para {label}.',
  fieldNotOnForm: 'Este campo no está en el formulario.',
  passwordTooShort: 'Usa al menos {min} caracteres.',
  passwordTooLong: 'Usa como máximo {max} caracteres.',
  enterEmail: 'Escribe una dirección de correo como nombre@example.com.',
  enterName: 'Escribe tu nombre.',
  nameTooLong: 'El nombre debe tener menos de {max} caracteres.',
  consentRequired: 'Marca la casilla para aceptar; si no, no podemos crear tu cuenta.',
  writeMessage: 'Escribe un mensaje antes de enviarlo.',
  messageTooLong: 'El mensaje debe tener menos de {max} caracteres.',
  fileTypeRefused: '{name} es un tipo de archivo que el portal no admite.',
  fileTooLarge: '{name} ocupa más de {size}.',
  fileEmpty: '{name} está vacío.',
  filesTooLargeTogether: 'En conjunto, los archivos ocupan más de {size}.',
  tooManyFiles: 'Demasiados archivos.',
  tooManyFilesDetail: 'Un mensaje puede llevar como máximo {max} archivos.',
  someFilesCannotBeSent: 'Algunos archivos no se pueden enviar.',
  someFilesTooLarge: 'Algunos archivos son demasiado grandes.',
  requestNotAccepted:
    'La solicitud tiene campos que faltan, son de un tipo incorrecto o no se admiten.',
  formNotAccepted: 'El formulario tiene partes que faltan o no se admiten.',
  fieldNotAccepted: 'Este campo no se admite.',
  malformedJson: 'El cuerpo de la solicitud no es JSON válido.',
  someFieldsNeedAttention: 'Algunos campos necesitan corrección.',
  chooseAnotherPassword: 'Elige otra contraseña.',
  accessDenied:
    'Acceso denegado: este portal de soporte solo está abierto a los clientes de su lista, y esta dirección de correo no está en ella. Pide acceso a tu contacto en la empresa.',
  ssoOnly:
    'Este portal solo permite iniciar sesión mediante inicio de sesión único (SSO). Usa el botón de inicio de sesión de tu organización.',
  noRegistration: 'Este portal no admite registros.',
  noSignInLinks: 'Este portal no envía enlaces de inicio de sesión.',
  spentLink: 'Este enlace ha caducado o ya se ha usado. Pide uno nuevo.',
  confirmEmailFirst:
    'Confirma primero tu dirección de correo: sigue el enlace que te enviamos al registrarte.',
  wrongCredentials: 'El correo o la contraseña no son correctos.',
  signInToContinue: 'Inicia sesión para continuar.',
  portalClosed: 'Este portal de soporte está cerrado.',
  portalNotSetUp: 'El portal de soporte aún no está configurado.',
  portalUnavailable:
    'El portal de soporte no está disponible en este momento. Vuelve a intentarlo enseguida.',
  serverError: 'Algo ha fallado por nuestra parte. Vuelve a intentarlo más tarde.',
  noSuchTicket: 'No existe ese ticket.',
  noSuchAttachment: 'No existe ese adjunto.',
  ownTicketsOnly: 'Solo puedes ver tus propios tickets.',
  replyNotYet: 'La respuesta aún no se puede enviar.',
  ticketClosed: 'Este ticket está cerrado; abre uno nuevo en su lugar.',
  tooManyAttempts: 'Demasiados intentos. Vuelve a intentarlo en {wait}.',
  mailGreeting: 'Hola, {name}:',
  verifySubject: 'Confirma tu dirección de correo para {title}',
  verifyLead: 'Confirma tu dirección de correo para terminar de registrarte en {title}.',
  verifyButton: 'Confirmar mi dirección de correo',
  verifyNote:
    'El enlace funciona una vez, en las próximas 24 horas. Si no te has registrado, ignora este correo.',
  invitationSubject: 'Te han invitado a {title}',
  invitationLead:
    'Te han dado acceso a {title}, donde puedes seguir y responder tus tickets de soporte. Elige una contraseña para empezar.',
  invitationButton: 'Elegir una contraseña',
  invitationNote: 'El enlace funciona una vez, en los próximos 7 días.',
  resetSubject: 'Restablece tu contraseña de {title}',
  resetLead: 'Alguien ha pedido restablecer la contraseña de tu cuenta en {title}.',
  resetButton: 'Elegir una contraseña nueva',
  resetNote:
    'El enlace funciona una vez, en la próxima hora, y cierra tu sesión en todos los demás sitios. Si no lo has pedido, ignora este correo: tu contraseña sigue igual.',
  signInSubject: 'Tu enlace de inicio de sesión para {title}',
  signInLead: 'Aquí tienes el enlace para iniciar sesión en {title}.',
  signInButton: 'Iniciar sesión',
  signInNote:
    'El enlace funciona una vez, en los próximos 15 minutos. Si no lo has pedido, ignora este correo.',
  registeredSubject: 'Ya tienes una cuenta en {title}',
  registeredLead:
    'Alguien, probablemente tú, ha intentado registrarse en {title} con esta dirección de correo. Ya tienes una cuenta, así que no se ha cambiado nada.',
  registeredForgot:
    'Si has olvidado tu contraseña, elige «He olvidado mi contraseña» en la página de inicio de sesión.',
};

const ar: Catalog = {
  enterSubject: 'أدخل موضوعًا.',
  subjectTooLong: 'اجعل الموضوع أقل من {max} حرفًا.',
  describeProblem: 'صف المشكلة.',
  descriptionTooLong: 'اجعل الوصف أقل من {max} حرفًا.',
  attachFileFor: 'أرفق ملفًا لـ {label}.',
  enterText: 'أدخل نصًا.',
  fillIn: 'املأ {label}.',
  chooseOption: 'اختر أحد خيارات {label}.',
  fieldNotOnForm: 'هذا الحقل ليس في النموذج.',
  passwordTooShort: 'استخدم {min} أحرف على الأقل.',
  passwordTooLong: 'استخدم {max} حرفًا على الأكثر.',
  enterEmail: 'أدخل عنوان بريد إلكتروني مثل name@example.com.',
  enterName: 'أدخل اسمك.',
  nameTooLong: 'اجعل الاسم أقل من {max} حرفًا.',
  consentRequired: 'حدّد المربع للموافقة، وإلا فلا يمكننا إنشاء حسابك.',
  writeMessage: 'اكتب رسالة قبل الإرسال.',
  messageTooLong: 'اجعل الرسالة أقل من {max} حرفًا.',
  fileTypeRefused: '{name} نوع ملف لا تقبله البوابة.',
  fileTooLarge: '{name} أكبر من {size}.',
  fileEmpty: '{name} فارغ.',
  filesTooLargeTogether: 'الملفات معًا أكبر من {size}.',
  tooManyFiles: 'عدد الملفات كبير جدًا.',
  tooManyFilesDetail: 'يمكن إرفاق {max} ملفًا على الأكثر برسالة واحدة.',
  someFilesCannotBeSent: 'تعذّر إرسال بعض الملفات.',
  someFilesTooLarge: 'بعض الملفات كبيرة جدًا.',
  requestNotAccepted: 'في الطلب حقول مفقودة أو من نوع خاطئ أو غير مقبولة.',
  formNotAccepted: 'في النموذج أجزاء مفقودة أو غير مقبولة.',
  fieldNotAccepted: 'هذا الحقل غير مقبول.',
  malformedJson: 'محتوى الطلب ليس JSON صالحًا.',
  someFieldsNeedAttention: 'بعض الحقول تحتاج إلى تصحيح.',
  chooseAnotherPassword: 'اختر كلمة مرور أخرى.',
  accessDenied:
    'تم رفض الوصول: بوابة الدعم هذه مفتوحة فقط للعملاء المدرجين في قائمتها، وعنوان البريد هذا ليس فيها. اطلب الوصول من جهة اتصالك في الشركة.',
  ssoOnly: 'تسجّل هذه البوابة دخولك عبر الدخول الموحّد فقط. استخدم زر تسجيل الدخول الخاص بمؤسستك.',
  noRegistration: 'هذه البوابة لا تقبل التسجيل.',
  noSignInLinks: 'هذه البوابة لا ترسل روابط تسجيل الدخول.',
  spentLink: 'انتهت صلاحية هذا الرابط أو استُخدم من قبل. اطلب رابطًا جديدًا.',
  confirmEmailFirst: 'أكّد عنوان بريدك الإلكتروني أولًا: اتبع الرابط الذي أرسلناه إليك عند التسجيل.',
  wrongCredentials: 'البريد الإلكتروني أو كلمة المرور غير صحيحة.',
  signInToContinue: 'سجّل الدخول للمتابعة.',
  portalClosed: 'بوابة الدعم هذه مغلقة.',
  portalNotSetUp: 'لم يتم إعداد بوابة الدعم بعد.',
  portalUnavailable: 'بوابة الدعم غير متاحة الآن. حاول مرة أخرى بعد قليل.',
  serverError: 'حدث خطأ من جهتنا. حاول مرة أخرى لاحقًا.',
  noSuchTicket: 'لا توجد تذكرة كهذه.',
  noSuchAttachment: 'لا يوجد مرفق كهذا.',
  ownTicketsOnly: 'يمكنك رؤية تذاكرك فقط.',
  replyNotYet: 'لا يمكن إرسال الرد بعد.',
  ticketClosed: 'هذه التذكرة مغلقة؛ افتح تذكرة جديدة بدلًا منها.',
  tooManyAttempts: 'محاولات كثيرة جدًا. حاول مرة أخرى بعد {wait}.',
  mailGreeting: 'مرحبًا {name}،',
  verifySubject: 'أكّد عنوان بريدك الإلكتروني لـ {title}',
  verifyLead: 'أكّد عنوان بريدك الإلكتروني لإكمال التسجيل في {title}.',
  verifyButton: 'تأكيد عنوان بريدي الإلكتروني',
  verifyNote: 'يعمل الرابط مرة واحدة خلال 24 ساعة. إن لم تسجّل، فتجاهل هذه الرسالة.',
  invitationSubject: 'أنت مدعو إلى {title}',
  invitationLead:
    'حصلت على حق الوصول إلى {title}، حيث يمكنك متابعة تذاكر الدعم والرد عليها. اختر كلمة مرور للبدء.',
  invitationButton: 'اختيار كلمة مرور',
  invitationNote: 'يعمل الرابط مرة واحدة خلال 7 أيام.',
  resetSubject: 'أعد تعيين كلمة مرورك لـ {title}',
  resetLead: 'طلب أحدهم إعادة تعيين كلمة مرور حسابك في {title}.',
  resetButton: 'اختيار كلمة مرور جديدة',
  resetNote:
    'يعمل الرابط مرة واحدة خلال ساعة، ويسجّل خروجك من كل مكان آخر. إن لم تطلبه، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.',
  signInSubject: 'رابط تسجيل الدخول إلى {title}',
  signInLead: 'هذا هو الرابط لتسجيل الدخول إلى {title}.',
  signInButton: 'تسجيل الدخول',
  signInNote: 'يعمل الرابط مرة واحدة خلال 15 دقيقة. إن لم تطلبه، فتجاهل هذه الرسالة.',
  registeredSubject: 'لديك حساب بالفعل في {title}',
  registeredLead:
    'حاول أحدهم، على الأرجح أنت، التسجيل في {title} بعنوان البريد هذا. لديك حساب بالفعل، لذلك لم يتغيّر شيء.',
  registeredForgot: 'إن نسيت كلمة مرورك، فاختر «نسيت كلمة المرور» في صفحة تسجيل الدخول.',
};

const CATALOGS: Record<string, Catalog> = { en, sv, de, fr, es, ar };

/** The languages the catalogs cover. */
export const MESSAGE_LANGUAGES = Object.keys(CATALOGS);

/** The catalog language for a BCP 47 tag: `sv-SE` uses `sv`; anything unknown uses English. */
export function messageLanguage(language: string | undefined): string {
  const base = baseLanguage(language);
  return base in CATALOGS ? base : 'en';
}

/** Every message of `language`'s catalog (English for a language without one). */
export function messageCatalog(language: string | undefined): Readonly<Record<MessageKey, string>> {
  return CATALOGS[messageLanguage(language)] ?? en;
}

/**
 * The message in `language`, its `{name}` parameters filled in. A parameter missing from
 * `params` stays as written, so a mistake shows rather than vanishing.
 */
export function formatMessage(
  key: MessageKey,
  params: Record<string, string | number> = {},
  language?: string,
): string {
  return fillMessage(messageCatalog(language)[key], params);
}
