"""An aiosmtpd handler for scripts/serve: every message the server sends becomes
one .eml file in a folder, which any mail program or text editor opens, so a
newcomer reads the demo's e-mail without a mail server of their own.

    PYTHONPATH=scripts aiosmtpd -n -l 127.0.0.1:PORT -c mail_folder.EmlFolder DIR

Names sort by arrival and say whom the message is for:
20261207-233001-001-tolvan_example.se.eml.
"""

import itertools
import os
import re
import time


class EmlFolder:
    def __init__(self, folder):
        os.makedirs(folder, exist_ok=True)
        self.folder = folder
        self.numbers = itertools.count(1)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("EmlFolder takes one argument: the folder to write .eml files to")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        to = re.sub(r"[^A-Za-z0-9.-]+", "_", ",".join(envelope.rcpt_tos))[:60]
        name = f"{time.strftime('%Y%m%d-%H%M%S')}-{next(self.numbers):03d}-{to}.eml"
        # Written under another name first: a reader never sees half a message.
        partial = os.path.join(self.folder, f".{name}.part")
        with open(partial, "wb") as file:
            file.write(envelope.original_content)
        os.replace(partial, os.path.join(self.folder, name))
        return "250 Message accepted for delivery"
