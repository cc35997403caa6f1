/**
 * What the shared rules (rules.ts) say about a field. English is here, the source every other
 * catalog translates; another language's texts come in with `addValidationMessages`. The
 * server adds every language of its catalogs (messages.ts), which a browser never downloads:
 * the elements carry these texts alone.
 */
export const VALIDATION_MESSAGES = {
  enterSubject: 'Enter a subject.',
  subjectTooLong: 'Keep the subject under {max} characters.',
  describeProblem: 'Describe the problem.',
  descriptionTooLong: 'Keep the description under {max} characters.',
  attachFileFor: 'Attach a file for {label}.',
  enterText: 'Enter text.',
  fillIn: 'Fill in {label}.',
  chooseOption: 'Choose one of the options for {label}.',
  fieldNotOnForm: 'This field is not on the form.',
  passwordTooShort: 'Use at least {min} characters.',
  passwordTooLong: 'Use at most {max} characters.',
  enterEmail: 'Enter an email address like name@example.com.',
  enterName: 'Enter your name.',
  nameTooLong: 'Keep the name under {max} characters.',
  consentRequired: 'Tick the box to agree, or we cannot create your account.',
  writeMessage: 'Write a message before sending.',
  messageTooLong: 'Keep the message under {max} characters.',
  fileTypeRefused: '{name} is a type of file the portal does not take.',
  fileTooLarge: '{name} is larger than {size}.',
  fileEmpty: '{name} is empty.',
  filesTooLargeTogether: 'Together the files are larger than {size}.',
};

/** A rule's message name. */
export type ValidationMessageKey = keyof typeof VALIDATION_MESSAGES;

/** The rules' texts in one language. */
export type ValidationMessages = Readonly<Record<ValidationMessageKey, string>>;

/** `sv-SE` -> `sv`: the catalogs are per language, not per region. */
export function baseLanguage(tag: string | undefined): string {
  return (tag ?? 'en').toLowerCase().split('-')[0] || 'en';
}

/** `template` with its `{name}` parameters filled in; one missing from `params` stays as written. */
export function fillMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const catalogs = new Map<string, ValidationMessages>([['en', VALIDATION_MESSAGES]]);

/** Lets the rules speak `language` (a primary subtag such as `sv`). */
export function addValidationMessages(language: string, messages: ValidationMessages): void {
  catalogs.set(baseLanguage(language), messages);
}

/** A rule's message in `language` when its texts were added, else in English. */
export function validationMessage(
  key: ValidationMessageKey,
  params: Record<string, string | number> = {},
  language?: string,
): string {
  return fillMessage((catalogs.get(baseLanguage(language)) ?? VALIDATION_MESSAGES)[key], params);
}
