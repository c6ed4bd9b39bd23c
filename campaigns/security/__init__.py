"""Request-level defences that every page shares: the login lockout, the client's address behind trusted
proxies, refusing garbage in URLs and parameters, the Content-Security-Policy and the absolute session lifetime.
Each is one small module named after what it guards; settings.py wires them in."""
