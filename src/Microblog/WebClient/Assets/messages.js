// Shows notices, errors and field errors. Every text goes in through textContent, never as
// HTML, because messages can quote what a user typed.

const notice = () => document.getElementById('notice');
const alertBox = () => document.getElementById('alert');

export function showNotice(text) {
  alertBox().textContent = '';
  notice().textContent = text;
}

export function showError(text) {
  notice().textContent = '';
  alertBox().textContent = text;
}

export function clearMessages() {
  notice().textContent = '';
  alertBox().textContent = '';
}

/** Clears the error texts and aria-invalid marks of every field of a form. */
export function clearFieldErrors(form) {
  for (const control of form.elements) {
    if (control.id) {
      control.removeAttribute('aria-invalid');
      const error = document.getElementById(`${control.id}-error`);
      if (error) {
        error.textContent = '';
      }
    }
  }
}

/**
 * Puts a message next to the form's control named `field` and moves focus there.
 * Returns false when the form has no such control, so the caller shows it elsewhere.
 */
export function showFieldError(form, field, text) {
  const control = field ? form.elements.namedItem(field) : null;
  const error = control?.id ? document.getElementById(`${control.id}-error`) : null;
  if (!error) {
    return false;
  }
  error.textContent = text;
  control.setAttribute('aria-invalid', 'true');
  control.focus();
  return true;
}

// Matches the wait that Microblog's 429 messages end with: "…; retry in 901 seconds."
const statedWait = /\bretry in \d+ seconds?\.?$/i;

/**
 * Tells when a throttled request can be retried and keeps the form's submit button disabled
 * until then. The wait in seconds is added only when the server's message does not state it.
 */
export function showRetryLater(form, error) {
  const seconds = error.retryAfterSeconds ?? 60;
  const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString();
  if (statedWait.test(error.message)) {
    showError(`${error.message} You can try again at ${at}.`);
  } else {
    const unit = seconds === 1 ? 'second' : 'seconds';
    showError(`${error.message} Try again in ${seconds} ${unit} (at ${at}).`);
  }

  const button = form?.querySelector('button[type="submit"]');
  if (button) {
    button.disabled = true;
    setTimeout(() => {
      button.disabled = false;
    }, seconds * 1000);
  }
}
