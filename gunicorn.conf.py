"""gunicorn settings, read automatically when gunicorn starts in this folder.

Only the `Server` header is set here: gunicorn writes "Server: gunicorn" itself,
before the app's headers, and has no setting for it; its response class reads
the module-level SERVER name, so renaming that gives one neutral header (the app
sets the same name under Werkzeug: callbacks/security_headers.py).  Everything
else stays on the command line (see README, "Running behind a reverse proxy").
"""

import gunicorn.http.wsgi

SERVER_NAME = "tracker"  # = callbacks.security_headers.SERVER_NAME (a test checks)

gunicorn.http.wsgi.SERVER = SERVER_NAME
