"""gunicorn settings for serving translate_flow: `gunicorn -c python:translate_flow.gunicorn_conf`.

Anything here can still be given on the command line (`-w 4`, `-b 127.0.0.1:8000`), which wins.
"""

import gunicorn.http.wsgi

wsgi_app = "translate_flow:create_app()"
bind = "127.0.0.1:8000"
workers = 2
# A worker that serves many requests gives back whatever memory it has grown into.
max_requests = 1000
max_requests_jitter = 100

# gunicorn writes "Server: gunicorn" into every answer and has no setting for it; naming the
# software (and, with other servers, its version) tells a scanner which flaws to try first.
# An empty value says nothing; the header's line itself is gunicorn's own to write.
gunicorn.http.wsgi.SERVER = ""
