"""Every text sopc speaks or prints: the language chosen (i18n.py), the messages (messages.py) and
the labels printed in documents (labels.py, from templates/labels-*.j2)."""
