import Engine

print("genplay: not yet")
