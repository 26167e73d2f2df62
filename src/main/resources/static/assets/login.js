import { csrfToken } from './http.js';
import { ready } from './dom.js';

const form = document.getElementById('login');
// the cookie holds the newest token (the form's may be from a page kept open across a new session)
form.addEventListener('submit', () => { form.elements._csrf.value = csrfToken() || form.elements._csrf.value; });

const q = new URLSearchParams(location.search);
const msg = document.getElementById('message');
const text = q.has('error') ? ['User name or password is wrong, or the account is disabled.', 'notice-error']
  : q.has('logout') ? ['You are signed out.', 'notice-ok']
  : q.has('expired') ? ['Your session ended. Please sign in again.', ''] : null;
if (text) { msg.textContent = text[0]; if (text[1]) msg.classList.add(text[1]); msg.hidden = false; }
ready();
