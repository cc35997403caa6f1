import { msg } from '@lit/localize';
import type { ValidationMessages } from '@kundportal/core';

/**
 * The shared rules' texts (rules.ts) from the elements' own catalogs, in the language shown.
 * `{name}` parameters are the rules' to fill, so translations keep them as written. Handed to
 * the rules by the localization runtime (localization.ts) whenever another language is shown,
 * so English pages carry none of this.
 */
export function validationTexts(): ValidationMessages {
  return {
    enterSubject: msg('Enter a subject.', { id: 'validation.enterSubject' }),
    subjectTooLong: msg('Keep the subject under {max} characters.', {
      id: 'validation.subjectTooLong',
    }),
    describeProblem: msg('Describe the problem.', { id: 'validation.describeProblem' }),
    descriptionTooLong: msg('Keep the description under {max} characters.', {
      id: 'validation.descriptionTooLong',
    }),
    attachFileFor: msg('Attach a file for {label}.', { id: 'validation.attachFileFor' }),
    enterText: msg('Enter text.', { id: 'validation.enterText' }),
    fillIn: msg('Fill in {label}.', { id: 'validation.fillIn' }),
    chooseOption: msg('Choose one of the options for {label}.', {
      id: 'validation.chooseOption',
    }),
    fieldNotOnForm: msg('This field is not on the form.', { id: 'validation.fieldNotOnForm' }),
    passwordTooShort: msg('Use at least {min} characters.', { id: 'validation.passwordTooShort' }),
    passwordTooLong: msg('Use at most {max} characters.', { id: 'validation.passwordTooLong' }),
    enterEmail: msg('Enter an email address like name@example.com.', {
      id: 'validation.enterEmail',
    }),
    enterName: msg('Enter your name.', { id: 'validation.enterName' }),
    nameTooLong: msg('Keep the name under {max} characters.', { id: 'validation.nameTooLong' }),
    consentRequired: msg('Tick the box to agree, or we cannot create your account.', {
      id: 'validation.consentRequired',
    }),
    writeMessage: msg('Write a message before sending.', { id: 'validation.writeMessage' }),
    messageTooLong: msg('Keep the message under {max} characters.', {
      id: 'validation.messageTooLong',
    }),
    fileTypeRefused: msg('{name} is a type of file the portal does not take.', {
      id: 'validation.fileTypeRefused',
    }),
    fileTooLarge: msg('{name} is larger than {size}.', { id: 'validation.fileTooLarge' }),
    fileEmpty: msg('{name} is empty.', { id: 'validation.fileEmpty' }),
    filesTooLargeTogether: msg('Together the files are larger than {size}.', {
      id: 'validation.filesTooLargeTogether',
    }),
  };
}
