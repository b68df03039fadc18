"""Wie is er voor jou? -- the game itself: decks, the table, the network, the store.

Pure Python; never imports Kivy. A whole session can be played from a shell or a test.
"""
