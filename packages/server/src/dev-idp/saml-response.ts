import { randomUUID } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

/** The demo IdP's signing key and its self-signed certificate, both PEM. */
export interface SamlSigningKey {
  privateKey: string;
  cert: string;
}

/** Who signed in, for whom, and in answer to which request. */
export interface SamlAssertionFields {
  /** The identity provider's entity id. */
  issuer: string;
  /** The service provider's entity id: the assertion's audience. */
  audience: string;
  acsUrl: string;
  /** The AuthnRequest's ID. */
  inResponseTo: string;
  email: string;
  name: string;
  now?: Date;
}

const VALID_FOR_MS = 5 * 60_000;

/**
 * A SAML Response carrying one assertion about the person, the assertion signed (enveloped,
 * exclusive c14n, RSA-SHA256) as identity providers do, base64-encoded for the HTTP-POST binding.
 */
export function signedSamlResponse(fields: SamlAssertionFields, key: SamlSigningKey): string {
  return Buffer.from(signSamlAssertion(responseXml(fields), key)).toString('base64');
}

/**
 * Signs the assertion in a SAML Response (enveloped, exclusive c14n, RSA-SHA256), as identity
 * providers do, and returns the signed XML.
 */
export function signSamlAssertion(response: string, key: SamlSigningKey): string {
  const signer = new SignedXml({
    privateKey: key.privateKey,
    publicCert: key.cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signer.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ],
  });
  // The schema puts the signature right after the assertion's Issuer.
  signer.computeSignature(response, {
    location: {
      reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']",
      action: 'after',
    },
  });
  return signer.getSignedXml();
}

function responseXml({
  issuer,
  audience,
  acsUrl,
  inResponseTo,
  email,
  name,
  now = new Date(),
}: SamlAssertionFields): string {
  const at = (offset: number) => new Date(now.getTime() + offset).toISOString();
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${at(0)}" Destination="${xml(acsUrl)}" InResponseTo="${xml(inResponseTo)}">
<saml:Issuer>${xml(issuer)}</saml:Issuer>
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
<saml:Assertion ID="_${randomUUID()}" Version="2.0" IssueInstant="${at(0)}">
<saml:Issuer>${xml(issuer)}</saml:Issuer>
<saml:Subject>
<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${xml(email)}</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<saml:SubjectConfirmationData InResponseTo="${xml(inResponseTo)}" NotOnOrAfter="${at(VALID_FOR_MS)}" Recipient="${xml(acsUrl)}"/>
</saml:SubjectConfirmation>
</saml:Subject>
<saml:Conditions NotBefore="${at(-60_000)}" NotOnOrAfter="${at(VALID_FOR_MS)}">
<saml:AudienceRestriction><saml:Audience>${xml(audience)}</saml:Audience></saml:AudienceRestriction>
</saml:Conditions>
<saml:AuthnStatement AuthnInstant="${at(0)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>
<saml:AttributeStatement>
<saml:Attribute Name="email"><saml:AttributeValue>${xml(email)}</saml:AttributeValue></saml:Attribute>
<saml:Attribute Name="displayName"><saml:AttributeValue>${xml(name)}</saml:AttributeValue></saml:Attribute>
</saml:AttributeStatement>
</saml:Assertion>
</samlp:Response>`;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
